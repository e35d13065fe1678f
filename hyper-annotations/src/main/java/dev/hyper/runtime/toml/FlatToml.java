package dev.hyper.runtime.toml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TOML that Hyper writes, read without tomlj: what {@link TomlWriter} writes in its one-line style
 * (comments, blank lines, {@code [table]} headers with a bare name at the start of a line, {@code key = value}
 * lines with a bare or quoted key and a basic string, integer, float, boolean or one-line array of basic strings).
 * A sweep reads every experiment's TOML and marker back ({@code verify}, {@code status}, {@code results}), and
 * tomlj's generated parser took most of that time.
 *
 * <p>It answers only when it is sure to answer as tomlj does: anything else in the text (another kind of value or
 * string, a dotted key, a repeated key, a carriage return, a number tomlj refuses, an escape beyond TOML 1.0's)
 * makes {@link #parse} return null, and the caller parses the text with tomlj, which then reports its errors as it
 * always has. {@code FlatTomlTest} checks values and positions against tomlj's on generated and edge-case texts.
 */
final class FlatToml {
  /**
   * A parsed text: its top-level table (tables as {@code Map}s, arrays as {@code List}s of strings, in the text's
   * order) and each key's line and column (1-based), by its path.
   */
  record Doc(Map<String, Object> top, Map<List<String>, int[]> positions) {
    /** The value at {@code path}, or null. */
    Object get(List<String> path) {
      Object v = top;
      for (String k : path) {
        if (!(v instanceof Map<?, ?> m)) {
          return null;
        }
        v = m.get(k);
      }
      return v;
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private FlatToml(String text) {
    this.text = text;
  }

  /** {@code text} parsed, or null if it holds anything this reader does not take (tomlj then reads it). */
  static Doc parse(String text) {
    if (text.indexOf('\r') >= 0 || (!text.isEmpty() && text.charAt(0) == '\uFEFF')) {
      return null;
    }
    return new FlatToml(text).doc();
  }

  private Doc doc() {
    Map<String, Object> top = new LinkedHashMap<>();
    Map<List<String>, int[]> positions = new HashMap<>();
    Map<String, Object> table = top;
    String tableName = null;
    while (pos < text.length()) {
      skipBlanks();
      char c = pos < text.length() ? text.charAt(pos) : '\n';
      if (c == '\n' || c == '#') {
        if (!endOfLine()) {
          return null;
        }
        continue;
      }
      int column = pos - lineStart + 1;
      if (c == '[') {
        if (column != 1) {
          return null;
        }
        int headerLine = line;
        pos++;
        String name = bareKey();
        if (name == null || pos >= text.length() || text.charAt(pos) != ']' || top.containsKey(name)) {
          return null;
        }
        pos++;
        if (!endOfLine()) {
          return null;
        }
        table = new LinkedHashMap<>();
        top.put(name, table);
        tableName = name;
        positions.put(List.of(name), new int[] {headerLine, 1});
        continue;
      }
      int keyLine = line;
      String key = c == '"' ? basicString() : bareKey();
      if (key == null || table.containsKey(key)) {
        return null;
      }
      skipBlanks();
      if (pos >= text.length() || text.charAt(pos) != '=') {
        return null;
      }
      pos++;
      skipBlanks();
      Object value = value();
      if (value == null || !endOfLine()) {
        return null;
      }
      table.put(key, value);
      positions.put(tableName == null ? List.of(key) : List.of(tableName, key), new int[] {keyLine, column});
    }
    return new Doc(top, positions);
  }

  /** Spaces and tabs. */
  private void skipBlanks() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  /** Blanks, an optional comment without control characters, and the line's end (or the text's). */
  private boolean endOfLine() {
    skipBlanks();
    if (pos < text.length() && text.charAt(pos) == '#') {
      for (; pos < text.length() && text.charAt(pos) != '\n'; pos++) {
        char c = text.charAt(pos);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          return false;
        }
      }
    }
    if (pos < text.length()) {
      if (text.charAt(pos) != '\n') {
        return false;
      }
      pos++;
      line++;
      lineStart = pos;
    }
    return true;
  }

  private String bareKey() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        break;
      }
      pos++;
    }
    return pos == start ? null : text.substring(start, pos);
  }

  private Object value() {
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    if (c == '"') {
      return basicString();
    }
    if (c == '[') {
      return stringArray();
    }
    int start = pos;
    while (pos < text.length() && " \t\n#,]".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return scalar(text.substring(start, pos));
  }

  private static Object scalar(String s) {
    switch (s) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    java.util.regex.Matcher m = NUMBER.matcher(s);
    if (!m.matches()) {
      return null;
    }
    if (m.group(2) == null && m.group(3) == null) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException tooLarge) {
        return null;
      }
    }
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? null : d;
  }

  /** {@code ["a", "b"]} on one line; null for anything else. */
  private List<String> stringArray() {
    pos++;
    List<String> values = new java.util.ArrayList<>();
    while (true) {
      skipBlanks();
      if (pos >= text.length()) {
        return null;
      }
      char c = text.charAt(pos);
      if (c == ']') {
        pos++;
        return values;
      }
      if (c != '"') {
        return null;
      }
      String s = basicString();
      if (s == null) {
        return null;
      }
      values.add(s);
      skipBlanks();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
      } else if (pos >= text.length() || text.charAt(pos) != ']') {
        return null;
      }
    }
  }

  /** A one-line basic string at {@code pos} (its opening quote), unescaped; null for what tomlj should judge. */
  private String basicString() {
    if (text.startsWith("\"\"\"", pos)) {
      return null;                                        // a multi-line string
    }
    pos++;
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\') {
        break;
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return null;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder(text.length() - start).append(text, start, pos);
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return null;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        return null;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case 'b' -> sb.append('\b');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'f' -> sb.append('\f');
        case 'r' -> sb.append('\r');
        case 'u', 'U' -> {
          int digits = e == 'u' ? 4 : 8;
          if (pos + digits > text.length()) {
            return null;
          }
          int cp;
          try {
            cp = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
          } catch (NumberFormatException notHex) {
            return null;
          }
          if (!text.substring(pos, pos + digits).chars().allMatch(h -> Character.digit(h, 16) >= 0)
              || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return null;
          }
          sb.appendCodePoint(cp);
          pos += digits;
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }
}
