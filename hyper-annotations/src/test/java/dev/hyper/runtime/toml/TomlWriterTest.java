package dev.hyper.runtime.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.MutableTomlArray;
import org.tomlj.MutableTomlTable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class TomlWriterTest {
  private static final List<String> STRINGS = List.of("", "plain", "it's \"quoted\"", "back\\slash", "tab\there",
      "line\nbreak", "cr\rlf", "\b\f", "esc \u001b[31m red", "del \u007f", "caf\u00e9 \u2603 \ud83d\ude00",
      "\"\"\" three quotes \"\"\"\"", "ends in a quote\"", "\n", "x".repeat(100));

  @Test
  void oneLineStringsReadBackAsWritten() {
    TomlWriter t = new TomlWriter(TomlWriter.Style.ONE_LINE, 0);
    for (int i = 0; i < STRINGS.size(); i++) {
      t.string("k" + i, STRINGS.get(i));
    }
    t.strings("all", STRINGS);
    TomlParseResult parsed = Toml.parse(t.toString());
    assertEquals(List.of(), parsed.errors(), t.toString());
    for (int i = 0; i < STRINGS.size(); i++) {
      assertEquals(STRINGS.get(i), parsed.getString("k" + i));
    }
    assertEquals(STRINGS, parsed.getArray("all").toList());
    assertEquals(STRINGS.size() + 1, t.toString().split("\n").length, "one line each");
  }

  @Test
  void oneLineSpellsKeysNumbersAndControlCharacters() {
    String text = new TomlWriter(TomlWriter.Style.ONE_LINE, 0).comment("a comment").table("params")
        .integer("bare_key-1", -3).decimal("lr", 1.0E-4).decimal("a.b", Double.NaN).decimal("up", 1.0 / 0)
        .decimal("down", -1.0 / 0).bool("on", true).string("esc", "\u001b").strings("none", List.of()).toString();
    assertEquals("# a comment\n\n[params]\nbare_key-1 = -3\nlr = 1.0E-4\n\"a.b\" = nan\nup = inf\ndown = -inf\n"
        + "on = true\nesc = \"\\u001B\"\nnone = []\n", text);
  }

  @Test
  void aCommentHoldsNoControlCharacter() {
    String text = new TomlWriter(TomlWriter.Style.WRAPPED, 0).comment("red \u001b[31m\ttab\r\nnext").toString();
    assertEquals("# red ?[31m\ttab?\n# next\n", text);
    assertEquals(List.of(), Toml.parse(text).errors());
  }

  /** The wrapped style writes what tomlj's own serializer writes for a flat table, byte for byte. */
  @Test
  void wrappedIsWhatTomljWrites() {
    MutableTomlTable table = MutableTomlTable.create();
    TomlWriter t = new TomlWriter(TomlWriter.Style.WRAPPED, 0);
    table.set("marker", "DONE");
    table.setCommentAbove("marker", "Hyper: training finished.");
    t.comment("Hyper: training finished.").string("marker", "DONE");
    for (int i = 0; i < STRINGS.size(); i++) {
      table.set("s" + i, STRINGS.get(i));
      t.string("s" + i, STRINGS.get(i));
    }
    double[] doubles = {0.0, -0.0, 1.103008452, 1.0E-4, 1.0E20, Double.NaN, 1.0 / 0, -1.0 / 0, 12.5};
    for (int i = 0; i < doubles.length; i++) {
      table.set("d" + i, doubles[i]);
      t.decimal("d" + i, doubles[i]);
    }
    table.set("n", 4242L);
    t.integer("n", 4242);
    table.set("b", false);
    t.bool("b", false);
    List<List<String>> arrays = new ArrayList<>(List.of(List.of(), List.of("one"), STRINGS, List.of("a\nb", "c\"")));
    for (int width = 70; width <= 90; width++) {   // "aN = [" and the closing "]" around one string
      arrays.add(List.of("y".repeat(width - 10)));
    }
    for (int i = 0; i < arrays.size(); i++) {
      MutableTomlArray a = MutableTomlArray.create();
      arrays.get(i).forEach(a::add);
      table.set("a" + i, a);
      t.strings("a" + i, arrays.get(i));
    }
    String tomlj = table.toToml();
    assertEquals(tomlj.endsWith("\n") ? tomlj : tomlj + "\n", t.toString());
  }
}
