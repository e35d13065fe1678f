/**
 * Internal to Hyper: not an API; may change in any release.
 * What a program is: ClassPath, Program, ProgramSnapshot, the launcher jar, and SnapshotStore.
 */
package dev.hyper.runtime.snapshot;
