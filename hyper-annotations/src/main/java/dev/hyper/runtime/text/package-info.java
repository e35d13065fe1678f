/**
 * Internal to Hyper: not an API; may change in any release.
 * Escaping for terminals: Printable.
 */
package dev.hyper.runtime.text;
