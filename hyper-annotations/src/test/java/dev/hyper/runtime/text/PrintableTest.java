package dev.hyper.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void controlBidiAndSeparatorCharactersAreEscaped() {
    assertEquals("a\\nb\\rc\\td\\x00e\\x07f\\x1b[2Jg\\x7fh\\x85i", Printable.escape("a\nb\rc\td\0e\u0007f\u001b[2Jg\u007fh\u0085i"));
    assertEquals("evil\\u202etxt.exe \\u2066x\\u2069 \\u200f\\u061c", Printable.escape("evil\u202etxt.exe \u2066x\u2069 \u200f\u061c"));
    assertEquals("\\u2028\\u2029", Printable.escape("\u2028\u2029"));
    assertEquals("lone \\ud800 and \\udc00", Printable.escape("lone \ud800 and \udc00"));
  }

  @Test
  void otherTextIsLeftAsItIs() {
    String text = "ünï 日本 😀 it's $(id) `x` \"q\" C:\\dir";
    assertSame(text, Printable.escape(text));
  }

  @Test
  void theReversibleFormDoublesBackslashesAndUnescapesToTheOriginal() {
    String text = "set note=a\nb\\n\u202e\u0000\u2028 \\x41 ünï 😀";
    String escaped = Printable.escapeReversibly(text);
    assertEquals("set note=a\\nb\\\\n\\u202e\\x00\\u2028 \\\\x41 ünï 😀", escaped);
    assertEquals(text, Printable.unescape(escaped));
    for (int c = 0; c < 0x10000; c++) {
      String one = "<" + (char) c + ">";
      assertEquals(one, Printable.unescape(Printable.escapeReversibly(one)), "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void aBackslashThatStartsNoEscapeIsRefused() {
    assertEquals("bad escape at column 3: ab\\q",
        assertThrows(IllegalArgumentException.class, () -> Printable.unescape("ab\\q")).getMessage());
    assertEquals("bad escape at column 1: \\x4",
        assertThrows(IllegalArgumentException.class, () -> Printable.unescape("\\x4")).getMessage());
    assertEquals("bad escape at column 2: a\\",
        assertThrows(IllegalArgumentException.class, () -> Printable.unescape("a\\")).getMessage());
  }
}
