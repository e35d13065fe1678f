package dev.hyper.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  static final List<String> TRICKY = List.of(
      "it's $(id)", "two words", "tab\there", "ünïcødé 日本 😀", "back\\slash", "\"double\"", "''", "'",
      "$HOME `id` ${x} !! * ? ~ # ; & | < >", "-n", "", "line\nbreak");

  @Test
  void singleQuoteStyle() {
    assertEquals("'it'\\''s $(id)'", ShellQuote.quote("it's $(id)"));
    assertEquals("'two words'", ShellQuote.quote("two words"));
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'ünï'", ShellQuote.quote("ünï"));
  }

  @Test
  void bashReadsEveryQuotedWordBackUnchanged() throws Exception {
    for (String s : TRICKY) {
      Process p = new ProcessBuilder("bash", "-c", "printf '%s' " + ShellQuote.quote(s))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      assertEquals(s, out);
    }
  }

  @Test
  void nulCannotBeQuoted() {
    assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
  }

  @Test
  void singleLineCheck() {
    assertTrue(ShellQuote.isSingleLine("it's $(id) 日本"));
    assertFalse(ShellQuote.isSingleLine("a\nb"));
    assertFalse(ShellQuote.isSingleLine("a\rb"));
  }
}
