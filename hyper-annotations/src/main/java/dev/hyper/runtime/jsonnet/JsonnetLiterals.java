package dev.hyper.runtime.jsonnet;

/**
 * Jsonnet (and JSON) literals for Java values, spelled canonically so that equal values give equal text;
 * and which longs a jsonnet number carries exactly, the one rule the processor ({@code InexactLong}) and
 * the renderer apply.
 */
public final class JsonnetLiterals {
  /** 2^53: every long within +-this survives a jsonnet number (a double) unchanged. */
  public static final long EXACT_LIMIT = 1L << 53;

  /** Why a long beyond {@link #EXACT_LIMIT} cannot reach a template: the core of both sides' messages. */
  public static final String NUMBERS_ARE_DOUBLES = "jsonnet numbers are doubles";

  private JsonnetLiterals() {}

  /** A JSON string literal: double quotes, with quotes, backslashes and control characters escaped. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * The string a JSON string literal stands for ({@link #quote} backwards).
   *
   * @throws IllegalArgumentException if {@code literal} is not a JSON string literal
   */
  public static String unquote(String literal) {
    if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
      throw new IllegalArgumentException("not a JSON string: " + literal);
    }
    StringBuilder sb = new StringBuilder(literal.length());
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '"') {
        throw new IllegalArgumentException("an unescaped quote inside a JSON string: " + literal);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= literal.length() - 1) {
        throw new IllegalArgumentException("a JSON string ends in a backslash: " + literal);
      }
      char e = literal.charAt(i);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > literal.length() - 2) {
            throw new IllegalArgumentException("a short \\u escape in a JSON string: " + literal);
          }
          sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("an unknown escape \\" + e + " in a JSON string: " + literal);
      }
    }
    return sb.toString();
  }

  /**
   * A double as {@link Double#toString(double)} spells it ({@code 0.001}, {@code 1.0E-4}, {@code 300.0}),
   * which jsonnet reads back to the same double.
   *
   * @throws IllegalArgumentException for NaN and infinities, which jsonnet has no literal for
   */
  public static String number(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(d + " has no jsonnet literal (jsonnet numbers are finite)");
    }
    return Double.toString(d);
  }

  /** A jsonnet number as people write it: integral values without a fraction ({@code 1500}), others as {@link #number}. */
  static String plainNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < (double) EXACT_LIMIT && !(d == 0 && 1 / d < 0)) {
      return Long.toString((long) d);
    }
    return number(d);
  }

  /** Whether {@code v} survives the trip through a jsonnet number (a double) unchanged: |v| &lt;= 2^53. */
  public static boolean exactInJsonnet(long v) {
    return Math.abs((double) v) <= (double) EXACT_LIMIT && (long) (double) v == v;
  }
}
