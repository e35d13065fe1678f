/**
 * Internal to Hyper: not an API; may change in any release.
 * The command line: Launcher (the main generated launchers call), HyperCli and the picocli commands.
 */
package dev.hyper.runtime.cli;
