package dev.hyper.runtime.jsonnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void asciiGrowsPastItsBufferAndGetsItsNewline() {
    Utf8Output out = new Utf8Output();
    String chunk = "{\"a\": 1}".repeat(1000);
    out.write(chunk.toCharArray(), 0, chunk.length());
    out.write("tail", 1, 3);
    assertArrayEquals(utf8(chunk + "ail\n"), out.toUtf8WithNewline());
  }

  @Test
  void aNonAsciiCharMidWriteSwitchesToCharsWithoutLosingAnything() {
    Utf8Output out = new Utf8Output();
    out.write("{\"name\": \"", 0, 10);
    char[] mixed = "ab ünï 日本 \uD83D\uDE00 end\"}\n".toCharArray();
    out.write(mixed, 0, 5);                            // a surrogate pair split across two writes
    out.write(mixed, 5, mixed.length - 5);
    out.write('x');
    assertArrayEquals(utf8("{\"name\": \"ab ünï 日本 \uD83D\uDE00 end\"}\nx\n"), out.toUtf8WithNewline());
  }

  @Test
  void aNewlineAlreadyThereIsKept() {
    Utf8Output out = new Utf8Output();
    out.write("{ }\n", 0, 4);
    assertArrayEquals(utf8("{ }\n"), out.toUtf8WithNewline());
    assertArrayEquals(utf8("\n"), new Utf8Output().toUtf8WithNewline());
  }
}
