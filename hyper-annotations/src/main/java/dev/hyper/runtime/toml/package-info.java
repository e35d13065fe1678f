/**
 * Internal to Hyper: not an API; may change in any release.
 * TOML files as text: Utf8, TomlText (tomlj's failures as syntax errors) and ConfigException.
 */
package dev.hyper.runtime.toml;
