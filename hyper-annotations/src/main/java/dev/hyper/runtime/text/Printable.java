package dev.hyper.runtime.text;

/**
 * Text from files, users and trainers made safe for a terminal: every character that would break a line,
 * move the cursor, drive the terminal (ESC, BEL, NUL...) or reorder what follows (bidi controls such as
 * U+202E) is written as an escape: {@code \n}, {@code \r}, {@code \t}, {@code \xHH} below U+0100, a
 * backslash, {@code u} and four hex digits above. Everything else, including any other non-ASCII text,
 * stays as it is.
 *
 * <p>Every human-readable printer (results, status, show, verify, exec, error messages, the HTML report)
 * goes through {@link #escape}; files that programs read (CSV, TOML, JSON) keep their values exact.
 * {@link #escapeReversibly} also doubles {@code \}, so that {@link #unescape} gives back the original text:
 * for single-line fields of files, such as the manifest's {@code # override:} lines.
 */
public final class Printable {
  private Printable() {}

  /** {@code s} with each unsafe character escaped; a backslash stays as it is. */
  public static String escape(String s) {
    return escape(s, false);
  }

  /** {@code s} with each unsafe character escaped and each {@code \} doubled: {@link #unescape} reverses it. */
  public static String escapeReversibly(String s) {
    return escape(s, true);
  }

  /**
   * The text {@link #escapeReversibly} was given.
   *
   * @throws IllegalArgumentException at a {@code \} that starts no escape {@link #escapeReversibly} writes
   */
  public static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
      switch (next) {
        case '\\' -> sb.append('\\');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'x', 'u' -> {
          int digits = next == 'x' ? 2 : 4;
          String hex = s.substring(i + 2, Math.min(s.length(), i + 2 + digits));
          if (hex.length() < digits || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            throw new IllegalArgumentException("bad escape at column " + (i + 1) + ": " + escape(s));
          }
          sb.append((char) Integer.parseInt(hex, 16));
          i += digits;
        }
        default -> throw new IllegalArgumentException("bad escape at column " + (i + 1) + ": " + escape(s));
      }
      i++;
    }
    return sb.toString();
  }

  private static String escape(String s, boolean reversibly) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean unsafe = isUnsafe(s, i) || (reversibly && c == '\\');
      if (unsafe && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb == null) {
        continue;
      }
      if (!unsafe) {
        sb.append(c);
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x100) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * Whether the char at {@code i} is one to escape: a control character (C0, DEL, C1), a line or paragraph
   * separator, a bidi control, or half of a surrogate pair without its other half.
   */
  private static boolean isUnsafe(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || isBidiControl(c);
  }

  /** ALM, LRM, RLM, the embeddings and overrides LRE..RLO (U+202A-U+202E) and the isolates LRI..PDI. */
  private static boolean isBidiControl(char c) {
    return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
