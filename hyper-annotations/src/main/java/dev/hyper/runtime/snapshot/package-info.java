/**
 * Internal to Hyper: not an API; may change in any release.
 * What a program is: ClassPath, Program (with the KnownDigests of its entries), ProgramSnapshot, the launcher jar,
 * and SnapshotStore.
 */
package dev.hyper.runtime.snapshot;
