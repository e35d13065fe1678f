/**
 * Internal to Hyper: not an API; may change in any release.
 * Markers of a run (STARTED, DONE, FAILED, ...), the run claim (RunClaim), finding experiments on disk.
 */
package dev.hyper.runtime.status;
