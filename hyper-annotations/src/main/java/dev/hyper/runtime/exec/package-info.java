/**
 * Internal to Hyper: not an API; may change in any release.
 * Running experiments locally: LocalExecutor and its Progress.
 */
package dev.hyper.runtime.exec;
