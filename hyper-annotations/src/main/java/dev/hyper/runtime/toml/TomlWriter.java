package dev.hyper.runtime.toml;

import java.util.List;

/**
 * Writes TOML text line by line: comments, {@code [table]} headers and {@code key = value} lines with bare or
 * quoted keys, basic strings, integers, floats, booleans and arrays of strings. It owns the spelling of
 * values; what goes in which table, in which order, is the caller's. A sweep writes one file per experiment
 * with it, which is about 20 times faster than building a tomlj {@code MutableTomlTable}; tomlj reads the
 * text back.
 */
public final class TomlWriter {
  /** How strings and arrays are spelled. */
  public enum Style {
    /**
     * Every string on one line, control characters as upper-case {@code \}{@code uXXXX}; every array on
     * one line: the experiment TOML.
     */
    ONE_LINE,
    /**
     * As tomlj's serializer writes a flat table (how markers were first written): control characters as
     * lower-case {@code \}{@code u00xx}; a string value holding a line break as a multi-line basic string;
     * an array over several lines, one element each, two spaces in, when {@code key = [...]} would be
     * wider than {@value #WIDTH} code points.
     */
    WRAPPED
  }

  /** The widest line a {@link Style#WRAPPED} array is written on, in code points. */
  public static final int WIDTH = 80;

  private final StringBuilder t;
  private final Style style;

  /** A writer of {@code style}, with room for about {@code capacity} characters. */
  public TomlWriter(Style style, int capacity) {
    this.style = style;
    this.t = new StringBuilder(capacity);
  }

  /**
   * {@code # text}, one such line per line of {@code text}; a control character other than a tab, which a
   * TOML comment may not hold, as {@code ?}.
   */
  public TomlWriter comment(String text) {
    t.append("# ");
    if (plainComment(text)) {                              // the usual case: one append
      t.append(text).append('\n');
      return this;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        t.append("\n# ");
      } else {
        t.append((c < 0x20 && c != '\t') || c == 0x7f ? '?' : c);
      }
    }
    t.append('\n');
    return this;
  }

  /** A blank line, then the header of table {@code name}. */
  public TomlWriter table(String name) {
    t.append("\n[");
    key(name);
    t.append("]\n");
    return this;
  }

  /** {@code key = "value"}. */
  public TomlWriter string(String key, String value) {
    key(key).append(" = ");
    if (style == Style.WRAPPED && value.indexOf('\n') >= 0) {
      multiline(value);
    } else {
      quoted(value);
    }
    t.append('\n');
    return this;
  }

  /** {@code key = value}, an integer. */
  public TomlWriter integer(String key, long value) {
    key(key).append(" = ").append(value).append('\n');
    return this;
  }

  /** {@code key = value}, a float: {@code Double.toString}, or {@code nan}, {@code inf}, {@code -inf}. */
  public TomlWriter decimal(String key, double value) {
    key(key).append(" = ");
    if (Double.isNaN(value)) {
      t.append("nan");
    } else if (Double.isInfinite(value)) {
      t.append(value > 0 ? "inf" : "-inf");
    } else {
      t.append(value);
    }
    t.append('\n');
    return this;
  }

  /** {@code key = true} or {@code key = false}. */
  public TomlWriter bool(String key, boolean value) {
    key(key).append(" = ").append(value).append('\n');
    return this;
  }

  /** {@code key = ["a", "b"]}; in the {@link Style#WRAPPED} style over several lines if that is too wide. */
  public TomlWriter strings(String key, List<String> values) {
    int start = t.length();
    key(key).append(" = [");
    for (int i = 0; i < values.size(); i++) {
      t.append(i == 0 ? "" : ", ");
      quoted(values.get(i));
    }
    t.append(']');
    if (style == Style.WRAPPED && !values.isEmpty() && t.codePointCount(start, t.length()) > WIDTH) {
      t.setLength(start);
      key(key).append(" = [\n");
      for (String v : values) {
        t.append("  ");
        quoted(v).append(",\n");
      }
      t.append(']');
    }
    t.append('\n');
    return this;
  }

  /** Appends {@code text}, which a writer of the same style wrote ({@link #toString}): for a part many files share. */
  public TomlWriter written(String text) {
    t.append(text);
    return this;
  }

  /** The text written. */
  @Override
  public String toString() {
    return t.toString();
  }

  /** {@code key}, bare if it may be ({@code A-Za-z0-9_-}), else quoted. */
  private StringBuilder key(String key) {
    boolean bare = !key.isEmpty();
    for (int i = 0; i < key.length() && bare; i++) {
      char c = key.charAt(i);
      bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    return bare ? t.append(key) : quoted(key);
  }

  /** A basic string: quotes, backslashes and control characters escaped. */
  private StringBuilder quoted(String s) {
    if (plain(s)) {
      return t.append('"').append(s).append('"');
    }
    t.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        t.append("\\\"");
      } else {
        escaped(c);
      }
    }
    return t.append('"');
  }

  /** A multi-line basic string as tomlj writes it: line breaks as they are, every third quote in a row escaped. */
  private void multiline(String s) {
    t.append("\"\"\"\n");
    int quotes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        t.append('\n');
        quotes = 0;
      } else if (c == '"') {
        if (quotes >= 2) {
          t.append("\\\"");
          quotes = 0;
        } else {
          t.append('"');
          quotes++;
        }
      } else {
        escaped(c);
        quotes = 0;
      }
    }
    t.append("\"\"\"");
  }

  /** {@code c} (not a quote) as it stands inside a basic string. */
  private void escaped(char c) {
    switch (c) {
      case '\\' -> t.append("\\\\");
      case '\n' -> t.append("\\n");
      case '\r' -> t.append("\\r");
      case '\t' -> t.append("\\t");
      case '\b' -> t.append("\\b");
      case '\f' -> t.append("\\f");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          t.append(String.format(style == Style.WRAPPED ? "\\u%04x" : "\\u%04X", (int) c));
        } else {
          t.append(c);
        }
      }
    }
  }

  /** Whether {@code s} goes into a basic string as it is: no quote, backslash or control character. */
  /** Whether {@code text} goes into a comment as it is: no line break, no control character but a tab. */
  private static boolean plainComment(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
