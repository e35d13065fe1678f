package dev.hyper.runtime.shell;

/**
 * Quoting for POSIX shells. Every value Hyper writes into a shell script goes through {@link #quote},
 * so no value can run a command, expand a variable or split into two words.
 */
public final class ShellQuote {
  private ShellQuote() {}

  /**
   * {@code s} in single quotes, each {@code '} written as {@code '\''}: {@code it's $(id)} becomes
   * {@code 'it'\''s $(id)'}. The shell reads it back as exactly {@code s}.
   *
   * @throws IllegalArgumentException if {@code s} contains a NUL, which no shell word can hold
   */
  public static String quote(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell word cannot contain NUL: " + s.replace("\0", "\\0"));
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * {@code s} as one shell word: as it is when it holds only characters no shell treats specially
   * (letters, digits, {@code @%+=:,./-_}), else {@link #quote quoted}.
   */
  public static String word(String s) {
    return !s.isEmpty() && s.matches("[A-Za-z0-9@%+=:,./_-]+") ? s : quote(s);
  }

  /** Whether {@code s} fits on one line of a script: no line breaks or other control characters. */
  public static boolean isSingleLine(String s) {
    return s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }
}
