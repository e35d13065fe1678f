/**
 * Internal to Hyper: not an API; may change in any release.
 * Running sweep in a tuned child JVM, both sides of it, and the one place that knows a fork happens:
 * ForkedSweep (the launcher's way in, the parent's side), ForkedChild (the child's start), ClassDataArchive,
 * HandedDigest (the jar's digest, computed by the parent, as the child's KnownDigests), ParentProcess.
 */
package dev.hyper.runtime.fork;
