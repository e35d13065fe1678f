package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlData;
import dev.hyper.runtime.toml.TomlText;
import java.nio.file.Path;
import java.util.Map;
import org.tomlj.TomlParseResult;

/**
 * Comparing experiment TOML texts: whether two are the same experiment (their data without
 * {@code [provenance]}, answered from the text first where it can be), and the launch part that
 * experiments starting the same way share.
 */
final class ConfigTomlParts {
  private static final Path TEXT = Path.of("experiment.toml");

  private ConfigTomlParts() {}

  /**
   * Whether the two texts hold the same keys and values outside {@code [provenance]}: equal as text but for
   * that table (the text {@link ConfigTomlWriter} writes, which puts it last on its own lines; a re-sweep
   * compares every experiment on disk that its manifest does not list, and this is the fast answer for
   * those), else equal as parsed tables without it, where comments, key order and spelling do not count.
   * A text that is not valid TOML has no data, so it is the same only as a text equal to it.
   */
  static boolean sameExceptProvenance(String toml, String other) {
    if (withoutProvenance(toml).equals(withoutProvenance(other))) {
      return true;
    }
    Map<String, Object> data = data(toml);
    return data != null && data.equals(data(other));
  }

  /** The text without the lines of its {@code [provenance]} table, from its header to the next header. */
  private static String withoutProvenance(String toml) {
    String header = "\n[" + ConfigToml.PROVENANCE + "]\n";
    String text = "\n" + toml;
    int start = text.indexOf(header);
    if (start >= 0) {
      int end = text.indexOf("\n[", start + header.length() - 1);
      text = text.substring(0, start) + (end < 0 ? "" : text.substring(end));
    }
    return text.substring(1).stripTrailing();
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
