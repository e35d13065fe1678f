/**
 * Internal to Hyper: not an API; may change in any release.
 * Low-level file helpers: AtomicFiles, Sha256, IoProblems, Trace, Utf8FileWriter.
 */
package dev.hyper.runtime.io;
