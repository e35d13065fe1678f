/**
 * Internal to Hyper: not an API; may change in any release.
 * How experiments are started and what commands exit with: LaunchCommand, ExitCodes.
 */
package dev.hyper.runtime.launch;
