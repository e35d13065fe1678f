package dev.hyper.runtime.toml;

import java.nio.file.Path;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * TOML text parsed by tomlj, with tomlj's own failures on some malformed input (a NullPointerException
 * for {@code r={3,#} and a NUL, an assert for some broken table headers) reported as a syntax error
 * at the first line by which it fails, like any other bad input, instead of escaping as an exception.
 */
public final class TomlText {
  private TomlText() {}

  /** {@code text}, read from {@code file}, parsed; its syntax errors are in the result as tomlj reports them. */
  public static TomlParseResult parse(Path file, String text) throws ConfigException {
    try {
      return Toml.parse(text);
    } catch (RuntimeException | AssertionError e) {
      throw new ConfigException(file, failingLine(text), null, null,
          "not valid TOML: the parser failed by this line (" + e.getClass().getSimpleName() + " in tomlj)");
    }
  }

  /** The first line such that the text up to its end makes tomlj fail (found by bisection). */
  private static int failingLine(String text) {
    int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
    int lo = 1;
    int hi = lines;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (fails(upToLine(text, mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static String upToLine(String text, int line) {
    int end = -1;
    for (int i = 0; i < line && end < text.length(); i++) {
      int next = text.indexOf('\n', end + 1);
      end = next < 0 ? text.length() : next;
    }
    return text.substring(0, end);
  }

  private static boolean fails(String text) {
    try {
      Toml.parse(text);
      return false;
    } catch (RuntimeException | AssertionError e) {
      return true;
    }
  }
}
