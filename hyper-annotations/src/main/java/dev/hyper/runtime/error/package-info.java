/**
 * Internal to Hyper: not an API; may change in any release.
 * HyperException, a problem with the user's input the user can fix, with a one-line message.
 */
package dev.hyper.runtime.error;
