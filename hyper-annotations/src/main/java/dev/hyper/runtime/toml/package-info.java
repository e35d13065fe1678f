/**
 * Internal to Hyper: not an API; may change in any release.
 * The binding between records and TOML: TomlWriter (text), TomlReader (typed keys of a parsed file),
 * TomlData (parsed TOML to compare), TomlText and Utf8 (files read and parsed), and ConfigException.
 */
package dev.hyper.runtime.toml;
