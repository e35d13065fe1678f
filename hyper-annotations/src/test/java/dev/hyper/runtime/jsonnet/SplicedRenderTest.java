package dev.hyper.runtime.jsonnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template that passes its parameters through is rendered by splicing ({@link PassThrough}, {@link Splice},
 * {@link Splicer}), and gives byte for byte what evaluating it gives; any other is evaluated, and says why.
 */
class SplicedRenderTest {
  private static final ClassLoader LOADER = SplicedRenderTest.class.getClassLoader();

  enum Optimizer { ADAM, SGD, ÉTÉ }

  private static final String PASSING = """
      local shared = { kind: 'mlp', sizes: [1, 2, 3] };
      function(lr=0.1, name='x', n=2, flag=false, opt='adam')
        local model = { lr: lr, layers: [n, n, { deep: [name] }] }, again = model;
        {
          model: model,
          copy: again,
          shared: shared,
          hidden:: lr,
          constant: std.length(shared.sizes) * 2,
          shadowed: local lr = 7; lr,
          flags: [flag, opt, 'z'],
          [std.toString(shared.sizes[0])]: name,
          empty: {},
        }
      """;

  /** Random arguments of every kind a sweep passes, with the awkward values of each. */
  private static Map<String, Object> randomArgs(SplittableRandom r) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("lr", randomDouble(r));
    args.put("name", randomString(r));
    args.put("n", r.nextBoolean() ? (Object) (long) (r.nextLong() >> r.nextInt(11, 64)) : (Object) r.nextInt());
    args.put("flag", r.nextBoolean());
    args.put("opt", Optimizer.values()[r.nextInt(3)]);
    return args;
  }

  private static double randomDouble(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
      case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 12));
      case 2 -> new double[] {0.0, -0.0, 1.0, 1e21, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE, 0.1}[r.nextInt(8)];
      case 3 -> (double) r.nextLong(-(1L << 53), 1L << 53);
      case 4 -> Math.round(r.nextDouble() * 1e6) / 1e6;
      default -> r.nextDouble();
    };
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    String specials = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\u20ac";
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0 -> sb.append(specials.charAt(r.nextInt(specials.length())));
        case 1 -> sb.appendCodePoint(0x1F600 + r.nextInt(50));
        default -> sb.append((char) r.nextInt(0x20, 0x7f));
      }
    }
    return sb.toString();
  }

  private static JsonnetTemplate evaluating(String text) throws JsonnetException {
    return EvaluatedTemplates.of(text, "t.jsonnet");
  }


  @Test
  void aPassingTemplateIsSplicedToTheEvaluatedBytes() throws Exception {
    JsonnetTemplate spliced = JsonnetTemplate.of(PASSING, "t.jsonnet", Importer.classpath(LOADER));
    JsonnetTemplate evaluated = evaluating(PASSING);
    assertEquals("turned off (-Dhyper.splice=false)", evaluated.whyNotSpliced());
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> args = randomArgs(r);
      if (i % 500 == 7) {
        args.remove("flag");                     // another set of names: cut again
      }
      assertArrayEquals(evaluated.renderUtf8(args), spliced.renderUtf8(args), args.toString());
    }
    assertNull(spliced.whyNotSpliced());
    String one = new String(spliced.renderUtf8(Map.of("lr", 0.5, "name", "q\"")), StandardCharsets.UTF_8);
    assertEquals(new String(evaluated.renderUtf8(Map.of("lr", 0.5, "name", "q\"")), StandardCharsets.UTF_8), one);
    assertEquals(true, one.contains("\"shadowed\": 7"), one);
  }

  /** The blog's template here, the example model's and the benchmark's (read from their modules). */
  @ParameterizedTest
  @CsvSource({"src/test/resources/jsonnet/rnn_model.jsonnet", "../example-model/src/main/resources/rnn_model.jsonnet",
      "../hyper-bench/src/main/resources/bench.jsonnet"})
  void theModelsTemplatesAreSpliced(String file) throws Exception {
    JsonnetTemplate spliced = JsonnetTemplate.load(java.nio.file.Path.of(file));
    JsonnetTemplate evaluated = evaluating(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 500; i++) {
      Map<String, Object> args = new LinkedHashMap<>();
      for (TemplateParam p : spliced.parameters()) {
        args.put(p.name(), switch (p.defaultKind()) {
          case BOOLEAN -> (Object) r.nextBoolean();
          case STRING -> randomString(r);
          default -> randomDouble(r);
        });
      }
      assertArrayEquals(evaluated.renderUtf8(args), spliced.renderUtf8(args), args.toString());
    }
    assertNull(spliced.whyNotSpliced(), file);
  }

  @Test
  void theTestSweepsTemplateAssertsOnAParameterSoIsEvaluated() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(LOADER, "jsonnet/test_model.jsonnet");
    assertEquals("an assert uses a parameter", t.whyNotSpliced());
    assertEquals(true, t.render(Map.of("lr", 0.5, "note", "n", "mode", "FAST")).contains("\"num_epochs\": 4"));
  }

  /** Each way a template can use a parameter other than passing it, and the reason it is then evaluated. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{ a: lr * 2 }                                  | an operator uses a parameter",
      "{ a: std.toString(lr) }                        | a call uses a parameter",
      "{ a: if flag then 1 else 2 }                   | a condition uses a parameter",
      "{ a: [x for x in [lr]] }                       | a comprehension uses a parameter",
      "{ [name]: 1 }                                  | a computed field name uses a parameter",
      "{ assert lr > 0, a: 1 }                        | an object's assert uses a parameter",
      "{ f(x):: lr }                                  | method 'f' uses a parameter",
      "{ a+: [lr] }                                   | field 'a' (+:) uses a parameter",
      "{ local l = lr, a: l }                         | object local 'l' uses a parameter",
      "local m = { lr: lr }; { a: m.lr }              | a field or element lookup uses a parameter",
      "{ a: 1 } + { b: lr }                           | an operator uses a parameter",
      "{ a: 1 } { b: lr }                             | an object extension uses a parameter",
      "{ a: name + '' }                               | an operator uses a parameter",
      "{ a: lr, b: self.a }                           | the function's body refers to an object (self, super or $)",
      "{ a: lr, b: { c: $.a } }                       | the function's body refers to an object (self, super or $)",
      "{ a: lr, b: super.x }                          | the function's body refers to an object (self, super or $)",
      "local f(x) = [x, lr]; { a: f(1) }              | local function 'f' uses a parameter",
      "{ a: function(x) lr }                          | a function uses a parameter",
      "[lr][0]                                        | a field or element lookup uses a parameter",
      "assert lr > 0; { a: lr }                       | an assert uses a parameter",
  })
  void aTemplateThatUsesAParameterIsEvaluated(String body, String why) throws Exception {
    String text = "function(lr=0.1, name='x', flag=false) " + body;
    JsonnetTemplate t = JsonnetTemplate.of(text, "t.jsonnet", Importer.classpath(LOADER));
    assertEquals(why, t.whyNotSpliced());
    JsonnetTemplate evaluated = evaluating(text);
    Map<String, Object> args = Map.of("lr", 0.5, "name", "n", "flag", true);
    try {
      assertArrayEquals(evaluated.renderUtf8(args), t.renderUtf8(args));
    } catch (JsonnetException e) {
      assertNotNull(e.getMessage());              // a method or function cannot be rendered: evaluated, it fails alike
    }
    assertEquals(why, t.whyNotSpliced());
  }

  @Test
  void aDefaultThatUsesAParameterIsEvaluated() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(lr=0.1, wd=[lr]) { a: lr, b: wd }", "t.jsonnet",
        Importer.classpath(LOADER));
    assertEquals("the default of 'wd' uses a parameter", t.whyNotSpliced());
    assertEquals("{\n   \"a\": 0.5,\n   \"b\": [\n      0.5\n   ]\n}\n", t.render(Map.of("lr", 0.5)));
  }

  @Test
  void aTopLevelThatIsNoFunctionLiteralIsEvaluated() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("local f = function(lr) { a: lr }; if true then f else f", "t.jsonnet",
        Importer.classpath(LOADER));
    assertEquals("the top level is not a function literal after its locals", t.whyNotSpliced());
    assertEquals("{\n   \"a\": 2\n}\n", t.render(Map.of("lr", 2)));
  }

  @Test
  void aValueThatCannotBePassedFailsAsWhenEvaluated() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(lr=0.1) { a: lr }", "t.jsonnet", Importer.classpath(LOADER));
    t.render(Map.of("lr", 1.0));
    JsonnetException e = org.junit.jupiter.api.Assertions.assertThrows(JsonnetException.class,
        () -> t.render(Map.of("lr", Double.NaN)));
    assertEquals(evaluatingMessage(Map.of("lr", Double.NaN)), e.getMessage());
    assertNull(t.whyNotSpliced());
  }

  private static String evaluatingMessage(Map<String, ?> args) throws Exception {
    JsonnetTemplate t = evaluating("function(lr=0.1) { a: lr }");
    try {
      t.render(args);
      return null;
    } catch (JsonnetException e) {
      return e.getMessage();
    }
  }

  @Test
  void aSplicedOutputThatDiffersTurnsSplicingOff() throws Exception {
    List<Map<String, ?>> evaluated = new ArrayList<>();
    Splicer s = new Splicer(new Splicer.Evaluation() {
      @Override
      public byte[] render(Map<String, ?> args) {
        evaluated.add(args);
        Object v = args.get("a");
        // passes placeholders through, but renders the value 2 as 3: not a pass-through after all
        return ("[\"" + v + "\"]").replace("\"2\"", "3").getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] renderValue(String key, Object value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
      }
    }, null);
    assertNull(s.render(Map.of("a", 1)));         // the first render of these names: the caller evaluates
    assertNull(s.off());
    assertArrayEquals("[\"1\"]".getBytes(StandardCharsets.UTF_8), s.render(Map.of("a", 1)));
    assertNull(s.off());
    assertArrayEquals("[3]".getBytes(StandardCharsets.UTF_8), s.render(Map.of("a", 2)));
    assertEquals("a spliced output differed from the evaluated one", s.off());
    assertNull(s.render(Map.of("a", 4)));
    assertEquals(3, evaluated.size());          // the placeholders' render and two cross-checks
  }

  @Test
  void aCutRefusesAPlaceholderThatIsNotWhole() {
    int arguments = 2;
    byte[] whole = "{\"x\": \"wd0\", \"y\": [\"wd1\", \"wd0\"]}".getBytes(StandardCharsets.US_ASCII);
    Splice s = Splice.cut(whole, arguments, "wd");
    assertNotNull(s);
    assertArrayEquals("{\"x\": 1, \"y\": [\"q\", 1]}".getBytes(StandardCharsets.US_ASCII),
        s.join(new byte[][] {"1".getBytes(StandardCharsets.US_ASCII), "\"q\"".getBytes(StandardCharsets.US_ASCII)}));
    for (String bad : List.of("{\"x\": \"wd0 \"}", "{\"x\": \"awd0\"}", "{\"x\": \"wd\"}", "{\"x\": \"wd2\"}",
        "{\"x\": \"wd0wd1\"}", "{\"x\": \"wd0")) {
      assertNull(Splice.cut(bad.getBytes(StandardCharsets.US_ASCII), arguments, "wd"), bad);
    }
  }

  /** A tree the proof cannot follow is not proven (the template is evaluated), never an error of its own. */
  @Test
  void aTreeTheProofCannotFollowIsNotProven() {
    String why = PassThrough.whyNot(new sjsonnet.Expr.LocalExpr(null, null, null), List.of("lr"));
    assertEquals(true, why.startsWith("its syntax tree could not be followed (java.lang.NullPointerException"), why);
  }
}
