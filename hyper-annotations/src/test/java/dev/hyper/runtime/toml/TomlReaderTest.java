package dev.hyper.runtime.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;

class TomlReaderTest {
  @TempDir Path dir;

  private static final String TEXT = """
      s = "x"
      n = 7
      f = 0.5
      whole = 3
      b = true
      list = ["a", "b"]
      mixed = ["a", 1]
      [t]
      inner = "y"
      """;

  private final TomlReader r = new TomlReader(Path.of("x.toml"), Toml.parse(TEXT));

  private String problem(Check check) {
    return assertThrows(ConfigException.class, check::run).getMessage();
  }

  private interface Check {
    void run() throws ConfigException;
  }

  @Test
  void valuesOfEachType() throws ConfigException {
    assertEquals("x", r.string("s"));
    assertEquals("y", r.string("t.inner"));
    assertEquals("none", r.optionalString("nowhere", "none"));
    assertEquals(7, r.longValue("n"));
    assertEquals(7, r.intIn("n", 0, 7));
    assertEquals(9, r.optionalCount("nowhere", 9));
    assertEquals(0.5, r.doubleValue("f"));
    assertEquals(3.0, r.doubleValue("whole"));
    assertEquals(true, r.bool("b"));
    assertNull(r.optionalBool("nowhere"));
    assertEquals(List.of("a", "b"), r.optionalStrings("list"));
    assertEquals(List.of(), r.optionalStrings("nowhere"));
    assertTrue(r.table("t", true));
    assertEquals("y", r.string("t.inner"));
    assertFalse(r.table("nowhere", false));
  }

  @Test
  void errorsNameFileLineColumnAndKey() {
    assertEquals("x.toml:1:1: 's': expected an integer, found a string", problem(() -> r.longValue("s")));
    assertEquals("x.toml:2:1: 'n': expected a string, found an integer", problem(() -> r.string("n")));
    assertEquals("x.toml:3:1: 'f': expected a boolean, found a float", problem(() -> r.bool("f")));
    assertEquals("x.toml:5:1: 'b': expected a float, found a boolean", problem(() -> r.doubleValue("b")));
    assertEquals("x.toml:7:1: 'mixed': expected a list of strings, found an array",
        problem(() -> r.optionalStrings("mixed")));
    assertEquals("x.toml:2:1: 'n': 7 is out of range [0, 6]", problem(() -> r.intIn("n", 0, 6)));
    assertEquals("x.toml:1:1: 's': expected a table, found a string", problem(() -> r.table("s", false)));
    assertEquals("x.toml: 'gone': missing; expected a string", problem(() -> r.string("gone")));
    assertEquals("x.toml:9:1: 't.inner': unknown key; known keys here: a, b",
        problem(() -> r.allowOnly("t", List.of("a", "b"))));
  }

  @Test
  void aFileIsReadOrItsSyntaxErrorNamed() throws Exception {
    Path good = Files.writeString(dir.resolve("good.toml"), TEXT);
    assertEquals("x", TomlText.read(good).getString("s"));
    Path bad = Files.writeString(dir.resolve("bad.toml"), "a = 1\nb = \n");
    ConfigException e = assertThrows(ConfigException.class, () -> TomlText.read(bad, "not a valid marker"));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith(bad + ":2:" + e.column() + ": not a valid marker: "), e.getMessage());
  }

  @Test
  void stringsOfAValue() {
    assertEquals(List.of("a"), TomlReader.strings(Toml.parse("v = [\"a\"]").get("v")));
    assertNull(TomlReader.strings(Toml.parse("v = [\"a\", 1]").get("v")));
    assertNull(TomlReader.strings("a"));
  }
}
