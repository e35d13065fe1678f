package dev.hyper.runtime.sweepfile;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The number grammar of sweep files, for {@code --set} text: one value read as a TOML integer, float or
 * boolean by the parser that reads sweep files, so both paths accept exactly the same numbers. Refused
 * alike: {@code 1d}, {@code 0x1p3}, {@code .5}, {@code 01}, digits other than ASCII {@code 0-9}.
 */
final class TomlScalar {
  private TomlScalar() {}

  /** {@code text} as a Long, Double or Boolean, or null if it is not one in TOML. */
  static Object parse(String text) {
    if (text.isEmpty() || !text.chars().allMatch(TomlScalar::scalarChar)) {
      return null; // nothing but one scalar reaches the parser
    }
    TomlParseResult toml = Toml.parse("v = " + text);
    Object value = toml.hasErrors() ? null : toml.get("v");
    return value instanceof Long || value instanceof Double || value instanceof Boolean ? value : null;
  }

  private static boolean scalarChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || c == '+' || c == '-' || c == '.' || c == '_';
  }
}
