package dev.hyper.runtime.toml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * TOML files and text parsed by tomlj, with tomlj's own failures on some malformed input (a NullPointerException
 * for {@code r={3,#} and a NUL, an assert for some broken table headers) reported as a syntax error
 * at the first line by which it fails, like any other bad input, instead of escaping as an exception.
 */
public final class TomlText {
  private TomlText() {}

  /** The TOML file {@code file}, read as UTF-8 and parsed; a syntax error is a {@code not valid TOML: ...} error. */
  public static TomlParseResult read(Path file) throws IOException {
    return read(file, "not valid TOML");
  }

  /**
   * The TOML file {@code file}, read as UTF-8 and parsed; a syntax error is a {@link ConfigException} at the
   * first error's position, {@code what: } its message, and a few of the others.
   */
  public static TomlParseResult read(Path file, String what) throws IOException {
    return checked(file, what, Utf8.read(file));
  }

  /** {@code text}, read from {@code file}, parsed; a syntax error is a {@code what: ...} error as in {@link #read}. */
  static TomlParseResult checked(Path file, String what, String text) throws ConfigException {
    TomlParseResult toml = parse(file, text);
    if (toml.hasErrors()) {
      throw syntaxErrors(file, what, toml.errors());
    }
    return toml;
  }

  /** {@code text}, read from {@code file}, parsed; its syntax errors are in the result as tomlj reports them. */
  public static TomlParseResult parse(Path file, String text) throws ConfigException {
    try {
      return Toml.parse(text);
    } catch (RuntimeException | AssertionError e) {
      throw new ConfigException(file, failingLine(text), null, null,
          "not valid TOML: the parser failed by this line (" + e.getClass().getSimpleName() + " in tomlj)");
    }
  }

  private static ConfigException syntaxErrors(Path file, String what, List<TomlParseError> errors) {
    TomlParseError first = errors.get(0);
    StringBuilder more = new StringBuilder(first.getMessage());
    if (errors.size() > 1) {
      more.append(" (").append(errors.size() - 1).append(" more:");
      for (TomlParseError e : errors.subList(1, Math.min(errors.size(), 4))) {
        more.append(' ').append(e.position().line()).append(':').append(e.position().column())
            .append(' ').append(e.getMessage()).append(';');
      }
      more.setLength(more.length() - 1);
      more.append(errors.size() > 4 ? " ...)" : ")");
    }
    TomlPosition pos = first.position();
    return new ConfigException(file, pos == null ? null : pos.line(), pos == null ? null : pos.column(), null,
        what + ": " + more);
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
