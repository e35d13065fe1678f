/**
 * Internal to Hyper: not an API; may change in any release.
 * Sweep files and --set: SweepFile and SetArgument parse them to Override values, which Overrides applies.
 */
package dev.hyper.runtime.sweepfile;
