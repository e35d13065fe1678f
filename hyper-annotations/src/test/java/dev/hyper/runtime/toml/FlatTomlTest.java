package dev.hyper.runtime.toml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * {@link FlatToml} against tomlj, the reference: whenever it parses a text, tomlj parses it without errors to the
 * same values (the same types, keys in the same order) at the same positions. Texts come from {@link TomlWriter}
 * in both styles with random keys and values, from random edits of those texts (most of which it must leave to
 * tomlj), and from a list of edge cases.
 */
class FlatTomlTest {
  @TempDir Path dir;

  private static final String CHARS = "aZ09_- .\"\\\t\n\r\b\f\u0001\u001f\u007f\u00e9\u4e2d#=[]{},'\u2028";

  @Test
  void writtenTextsParseAsTomljParsesThem() {
    Random random = new Random(1);
    int flat = 0;
    for (int i = 0; i < 3000; i++) {
      String text = randomDocument(random, i % 2 == 0 ? TomlWriter.Style.ONE_LINE : TomlWriter.Style.WRAPPED);
      if (agrees(text)) {
        flat++;
      }
    }
    assertTrue(flat > 1000, "the one-line style should mostly be read without tomlj; read: " + flat);
  }

  @Test
  void editedTextsEitherAgreeOrAreLeftToTomlj() {
    Random random = new Random(2);
    int flat = 0;
    int left = 0;
    for (int i = 0; i < 6000; i++) {
      StringBuilder text = new StringBuilder(randomDocument(random, TomlWriter.Style.ONE_LINE));
      for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, CHARS.charAt(random.nextInt(CHARS.length())));
          default -> text.setCharAt(at, CHARS.charAt(random.nextInt(CHARS.length())));
        }
      }
      if (agrees(text.toString())) {
        flat++;
      } else {
        left++;
      }
    }
    assertTrue(flat > 500 && left > 500, "edits should give both kinds; read " + flat + ", left " + left);
  }

  @Test
  void edgeCases() {
    for (String text : List.of("", "\n", "# only a comment", "a = 1", "a = 1\n", "a=1\nb= 2", "  a = 1 # c",
        "a = -0", "a = +5", "a = -0.0", "a = 1e5", "a = 1E+5", "a = 1.5e-300", "a = 4.9E-324", "a = 1.7976931348623157E308",
        "a = nan", "a = +nan", "a = -nan", "a = inf", "a = -inf", "a = +inf", "a = 9223372036854775807",
        "a = -9223372036854775808", "a = true", "a = false", "a = []", "a = [ ]", "a = [\"x\",]", "a = [\"x\" , \"y\"]",
        "a = \"\\u00e9\\U0001F600\"", "\"\" = 1", "\"a b\" = 1\n\"a\\tb\" = 2", "\"\\u0041\" = 1", "[t]\n", "[t]", "[t] # c",
        "x = 1\n[t]\nx = 2\n[u]\ny = 3", "a = \"tab\there\"", "[t]\n\t k = \"v\"\n", "a = \"x\" # \"y\"")) {
      assertTrue(agrees(text), "should be read without tomlj: " + text);
    }
    for (String text : List.of("\uFEFFa = 1", "a = 1\r\n", "a.b = 1", "[a.b]", " [t]", "[\"t\"]", "[[t]]",
        "a = 1\na = 2", "[t]\n[t]", "a = 1\n[a]", "a = 01", "a = 1.", "a = .5", "a = 1_000", "a = 0x10", "a = 1e400",
        "a = 99999999999999999999", "a = 'lit'", "a = \"\"\"x\"\"\"", "a = \"\\e\"", "a = \"\\x41\"", "a = \"\\ud800\"",
        "a = \"\\U00110000\"", "a = {b = 1}", "a = [1, 2]", "a = [\n\"x\"]", "a = 1979-05-27", "a = TRUE", "a = \"x",
        "a = \"x\u0001\"", "a = 1 # x\u0001", "a =", "= 1", "a 1", "a = 1 2")) {
      assertNull(FlatToml.parse(text), "should be left to tomlj: " + text);
    }
  }

  @Test
  void readersAnswerAlikeWhicheverParserReadTheFile() throws Exception {
    String text = """
        s = "x"
        n = 7
        f = 0.5
        big = 3000000000
        b = true
        list = ["a", "b"]
        [t]
          inner = "y"
        """;
    Path file = dir.resolve("x.toml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertNotNull(FlatToml.parse(text));
    TomlReader flat = TomlReader.read(file);
    TomlReader tomlj = new TomlReader(file, Toml.parse(text));
    List<Question> questions = List.of(
        r -> r.string("s"), r -> r.string("n"), r -> r.longValue("n"), r -> r.longValue("f"), r -> r.doubleValue("n"),
        r -> r.doubleValue("s"), r -> r.intIn("big", 0, 10), r -> r.bool("b"), r -> r.bool("list"),
        r -> r.optionalStrings("list"), r -> r.optionalStrings("s"), r -> r.string("t.inner"), r -> r.string("t"),
        r -> r.table("t", true), r -> r.table("s", false), r -> r.table("none", true), r -> r.has("t.inner"),
        r -> r.string("missing"), r -> allow(r, null, List.of("s", "n")), r -> allow(r, "t", List.of("other")),
        r -> r.optionalString("t.none", "absent"), r -> r.optionalCount("n", 1));
    for (Question q : questions) {
      assertEquals(answer(tomlj, q), answer(flat, q));
    }
  }

  private interface Question {
    Object ask(TomlReader r) throws ConfigException;
  }

  private static Object allow(TomlReader r, String table, List<String> known) throws ConfigException {
    r.allowOnly(table, known);
    return "allowed";
  }

  /** What {@code q} returns, or its error's message. */
  private static Object answer(TomlReader r, Question q) {
    try {
      return q.ask(r);
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  /**
   * Whether {@link FlatToml} read {@code text}; when it did, asserts that tomlj reads it without errors to the same
   * values, key order and positions.
   */
  private static boolean agrees(String text) {
    FlatToml.Doc doc = FlatToml.parse(text);
    if (doc == null) {
      return false;
    }
    TomlParseResult reference = Toml.parse(text);
    assertEquals(List.of(), reference.errors(), "tomlj finds errors in a text read without it: " + text);
    assertEquals(plain(reference), plain(doc.top()), text);
    assertEquals(order(reference), order(doc.top()), text);
    for (List<String> path : reference.keyPathSet(true)) {
      TomlPosition pos = reference.inputPositionOf(path);
      int[] mine = doc.positions().get(path);
      assertNotNull(mine, "no position for " + path + " in: " + text);
      assertEquals(pos.line() + ":" + pos.column(), mine[0] + ":" + mine[1], path + " in: " + text);
    }
    assertEquals(reference.keyPathSet(true).size(), doc.positions().size(), text);
    return true;
  }

  private static Object plain(Object v) {
    if (v instanceof TomlTable t) {
      Map<String, Object> m = new HashMap<>();
      t.keySet().forEach(k -> m.put(k, plain(t.get(List.of(k)))));
      return m;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> m = new HashMap<>();
      map.forEach((k, x) -> m.put((String) k, plain(x)));
      return m;
    }
    if (v instanceof TomlArray a) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        l.add(plain(a.get(i)));
      }
      return l;
    }
    return v;
  }

  /** Every table's keys in order, by the table's name. */
  private static Map<String, List<String>> order(Object top) {
    Map<String, List<String>> order = new LinkedHashMap<>();
    if (top instanceof TomlTable t) {
      order.put("", List.copyOf(t.keySet()));
      t.keySet().stream().filter(k -> t.get(List.of(k)) instanceof TomlTable)
          .forEach(k -> order.put(k, List.copyOf(((TomlTable) t.get(List.of(k))).keySet())));
    } else {
      Map<?, ?> m = (Map<?, ?>) top;
      order.put("", m.keySet().stream().map(String.class::cast).toList());
      m.forEach((k, v) -> {
        if (v instanceof Map<?, ?> inner) {
          order.put((String) k, inner.keySet().stream().map(String.class::cast).toList());
        }
      });
    }
    return order;
  }

  private static String randomDocument(Random random, TomlWriter.Style style) {
    TomlWriter w = new TomlWriter(style, 256);
    if (random.nextBoolean()) {
      w.comment(randomString(random, 12));
    }
    writeKeys(w, random, "top");
    for (int t = random.nextInt(4); t > 0; t--) {
      w.table("t" + t + (random.nextInt(5) == 0 ? " q" : ""));
      writeKeys(w, random, "k" + t);
    }
    return w.toString();
  }

  private static void writeKeys(TomlWriter w, Random random, String prefix) {
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      String key = random.nextInt(6) == 0 ? prefix + randomString(random, 4) + i : prefix + i;
      switch (random.nextInt(6)) {
        case 0 -> w.string(key, randomString(random, 20));
        case 1 -> w.integer(key, random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000) - 500);
        case 2 -> w.decimal(key, randomDouble(random));
        case 3 -> w.bool(key, random.nextBoolean());
        case 4 -> {
          List<String> values = new ArrayList<>();
          for (int k = random.nextInt(random.nextInt(8) == 0 ? 12 : 4); k > 0; k--) {
            values.add(randomString(random, 10));
          }
          w.strings(key, values);
        }
        default -> w.comment(randomString(random, 10));
      }
    }
  }

  private static double randomDouble(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> random.nextBoolean() ? 0.0 : -0.0;
      case 3 -> Double.longBitsToDouble(random.nextLong());
      case 4 -> random.nextInt(100);
      default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  private static String randomString(Random random, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      sb.append(random.nextInt(3) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
          : (char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }
}
