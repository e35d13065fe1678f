/**
 * Internal to Hyper: not an API; may change in any release.
 * Text for terminals: Printable (escaping), ProgressLine (a long command's progress).
 */
package dev.hyper.runtime.text;
