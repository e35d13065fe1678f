/**
 * Internal to Hyper: not an API; may change in any release.
 * Quoting for POSIX shells: ShellQuote.
 */
package dev.hyper.runtime.shell;
