package dev.hyper.runtime.jsonnet;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link Writer} that keeps what is written as UTF-8 bytes: rendered JSON goes to a file as bytes,
 * and this skips the two copies of a {@code StringWriter} (chars into a string, the string into bytes).
 * Text that is all ASCII, as configs nearly always are, is stored a byte per char; at the first other
 * char it falls back to collecting chars and encodes them at the end.
 */
final class Utf8Output extends Writer {
  private byte[] ascii = new byte[4096];
  private int size;
  private StringBuilder chars;                       // non-null once a non-ASCII char was written

  @Override
  public void write(char[] cbuf, int off, int len) {
    if (chars != null) {
      chars.append(cbuf, off, len);
      return;
    }
    if (size + len > ascii.length) {
      ascii = Arrays.copyOf(ascii, Math.max(ascii.length * 2, size + len));
    }
    for (int i = 0; i < len; i++) {
      char c = cbuf[off + i];
      if (c >= 0x80) {
        chars = new StringBuilder(size + len + 64).append(new String(ascii, 0, size, StandardCharsets.ISO_8859_1));
        chars.append(cbuf, off + i, len - i);
        return;
      }
      ascii[size++] = (byte) c;
    }
  }

  @Override
  public void write(String s, int off, int len) {
    write(s.toCharArray(), off, len);
  }

  @Override
  public void write(int c) {
    write(new char[] {(char) c}, 0, 1);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** What was written, as UTF-8. */
  byte[] toUtf8() {
    return chars != null ? chars.toString().getBytes(StandardCharsets.UTF_8) : Arrays.copyOf(ascii, size);
  }

  /** What was written, as UTF-8, ending in a newline (one is added if it does not). */
  byte[] toUtf8WithNewline() {
    if (chars != null) {
      if (chars.length() == 0 || chars.charAt(chars.length() - 1) != '\n') {
        chars.append('\n');
      }
      return chars.toString().getBytes(StandardCharsets.UTF_8);
    }
    boolean newline = size > 0 && ascii[size - 1] == '\n';
    byte[] out = Arrays.copyOf(ascii, newline ? size : size + 1);
    out[out.length - 1] = '\n';
    return out;
  }
}
