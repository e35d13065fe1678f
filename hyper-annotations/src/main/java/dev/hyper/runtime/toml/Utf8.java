package dev.hyper.runtime.toml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TOML files as text: TOML is UTF-8, so a byte sequence that is not UTF-8 is an error naming the file,
 * line and column, not a {@code MalformedInputException} without a file name, nor a silent U+FFFD.
 */
public final class Utf8 {
  private Utf8() {}

  /** The text of {@code file}. */
  public static String read(Path file) throws IOException {
    return decode(file, Files.readAllBytes(file));
  }

  /** {@code bytes}, read from {@code file}, as text. */
  public static String decode(Path file, byte[] bytes) throws ConfigException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      decoder.flush(out);
      return out.flip().toString();
    }
    String before = out.flip().toString();
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int column = before.length() - before.lastIndexOf('\n');
    throw new ConfigException(file, line, column, null,
        String.format("not UTF-8 (byte 0x%02X); TOML files are UTF-8", bytes[in.position()] & 0xff));
  }
}
