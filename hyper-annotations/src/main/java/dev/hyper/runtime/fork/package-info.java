/**
 * Internal to Hyper: not an API; may change in any release.
 * The forked sweep child's side of ForkedSweep: ParentProcess, the process the user typed the command in.
 */
package dev.hyper.runtime.fork;
