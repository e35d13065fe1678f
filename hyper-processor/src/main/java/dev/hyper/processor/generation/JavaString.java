package dev.hyper.processor.generation;

/**
 * A Java string literal for generated sources, in printable ASCII, that javac reads back as exactly the
 * given string. JavaPoet's {@code $S} leaves U+2028, U+2029 and other non-ASCII characters as they are:
 * its writer breaks lines at U+2028 and U+2029 (an unclosed string literal), and unpaired surrogates
 * cannot be written in the source's encoding. Here every character outside printable ASCII is an
 * escape: {@code \n}-style or three-digit octal below U+0080 (a unicode escape there would be translated
 * before the literal is read, so U+000A would end the line and U+0022 the string), a unicode escape
 * from U+0080 on, surrogates included.
 */
final class JavaString {
  private JavaString() {}

  /** {@code s} as a quoted Java string literal. */
  static String literal(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            b.append(c);
          } else if (c < 0x80) {
            b.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + (c >> 3 & 7)))
                .append((char) ('0' + (c & 7)));
          } else {
            b.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
