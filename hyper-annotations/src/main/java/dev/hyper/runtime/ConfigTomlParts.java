package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlData;
import dev.hyper.runtime.toml.TomlText;
import java.nio.file.Path;
import java.util.Map;
import org.tomlj.TomlParseResult;

/**
 * Comparing experiment TOML texts: whether two are the same experiment (their data, without
 * {@code [provenance]}), and the launch part that experiments starting the same way share.
 */
final class ConfigTomlParts {
  private static final Path TEXT = Path.of("experiment.toml");

  private ConfigTomlParts() {}

  /**
   * Whether the two texts hold the same keys and values outside {@code [provenance]}; comments, key order
   * and spelling do not count. A text that is not valid TOML is the same as none.
   */
  static boolean sameExceptProvenance(String toml, String other) {
    Map<String, Object> data = data(toml);
    return data != null && data.equals(data(other));
  }

  private static Map<String, Object> data(String toml) {
    try {
      TomlParseResult parsed = TomlText.parse(TEXT, toml);
      return parsed.hasErrors() ? null : TomlData.of(parsed, ConfigToml.PROVENANCE);
    } catch (ConfigException e) {
      return null;
    }
  }

  /**
   * The {@code [snapshot]} and {@code [jvm]} tables of TOML text as {@link ConfigTomlWriter} writes them
   * ("" if none), cut from the text. A cache key, not a comparison of data: equal parts start the same
   * way, and a part that differs only in spelling costs its caller one more parse, no wrong answer.
   */
  static String launchPart(String toml) {
    int from = toml.indexOf("\n[" + ConfigToml.SNAPSHOT + "]\n");
    if (from < 0) {
      return "";
    }
    int to = toml.indexOf("\n[" + ConfigToml.PROVENANCE + "]\n", from);
    return toml.substring(from, to < 0 ? toml.length() : to);
  }
}
