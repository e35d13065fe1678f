/**
 * Internal to Hyper: not an API; may change in any release.
 * Low-level file helpers: AtomicFiles, Sha256, IoProblems, Trace.
 */
package dev.hyper.runtime.io;
