/**
 * Internal to Hyper: not an API; may change in any release.
 * The binding between records and TOML: TomlWriter (text), TomlReader (typed keys of a file, read by FlatToml
 * when Hyper wrote it, else by tomlj),
 * TomlData (parsed TOML to compare), TomlText and Utf8 (files read and parsed), and ConfigException.
 */
package dev.hyper.runtime.toml;
