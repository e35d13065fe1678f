package dev.hyper.runtime.jsonnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates and arguments chosen to make a spliced render differ from the evaluated one: the first three
 * renders are benign (the cross-checks pass), later ones are not. Each must either not be proven, or give
 * the evaluated bytes (or the evaluated error) for every render.
 */
class SpliceAdversarialTest {
  private static final ClassLoader LOADER = SpliceAdversarialTest.class.getClassLoader();

  enum E { A, B }

  private static JsonnetTemplate evaluating(String text) throws JsonnetException {
    return EvaluatedTemplates.of(text, "jsonnet/t.jsonnet");
  }

  private static JsonnetTemplate splicing(String text) throws JsonnetException {
    return JsonnetTemplate.of(text, "jsonnet/t.jsonnet", Importer.classpath(LOADER));
  }

  private static String outcome(JsonnetTemplate t, Map<String, ?> args) {
    try {
      return new String(t.renderUtf8(args), StandardCharsets.UTF_8);
    } catch (JsonnetException e) {
      return "error: " + e.getMessage();
    }
  }

  /** Renders {@code args} in turn both ways; returns why the splicing template does not splice at the end. */
  private static String compare(String text, List<Map<String, ?>> renders) throws Exception {
    JsonnetTemplate s = splicing(text);
    JsonnetTemplate e = evaluating(text);
    String proven = s.whyNotSpliced();
    for (int i = 0; i < renders.size(); i++) {
      Map<String, ?> args = renders.get(i);
      assertEquals(outcome(e, args), outcome(s, args),
          "render " + (i + 1) + " " + args + " of\n" + text + "\n(proof: " + proven + ")");
    }
    return s.whyNotSpliced();
  }

  private static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Three benign string renders, then values of every other kind. */
  private static List<Map<String, ?>> benignThenTyped(String p) {
    List<Map<String, ?>> l = new ArrayList<>();
    l.add(args(p, "a"));
    l.add(args(p, "b"));
    l.add(args(p, "c"));
    for (Object v : new Object[] {1, 2.5, -0.0, true, false, E.A, "", "hyperplaceholder4000000000000000n0",
        "\u2028\"\\\u0000é😀", 1L << 53, 0, "abcdefghijklmnopqrstuvwxyz0123456789"}) {
      l.add(args(p, v));
    }
    return l;
  }

  // ---- the unsound one: a local function's default names a parameter ----

  /** A local function's parameter default is evaluated with the template's parameter, not a constant. */
  @Test
  void aLocalFunctionsDefaultThatNamesAParameterIsNoConstant() throws Exception {
    String text = "function(lr='a') local f(x=lr) = std.type(x); { t: f() }";
    assertEquals("local function 'f' uses a parameter", compare(text, benignThenTyped("lr")));
  }

  @Test
  void aLocalFunctionsDefaultReachedThroughAnotherLocal() throws Exception {
    String text = "function(lr='a') local f(x=lr) = std.type(x), g = f(); { t: g, v: lr }";
    assertEquals("local function 'f' uses a parameter", compare(text, benignThenTyped("lr")));
  }

  @Test
  void anObjectMethodsDefaultThatNamesAParameterIsNoConstant() throws Exception {
    // a method cannot be called without self or a name that carries; the proof must still not call it constant
    String text = "function(lr='a') local o = { f(x=lr):: std.type(x), v: lr }; { o: o, t: [o][0].f() }";
    compare(text, benignThenTyped("lr"));
    assertEquals("method 'f' uses a parameter",
        splicing("function(lr='a') { o: { f(x=lr):: std.type(x), v: lr } }").whyNotSpliced());
  }

  // ---- shadowing, at various depths ----

  @ParameterizedTest
  @ValueSource(strings = {
      "function(lr='a') { a: local lr = 7; lr, b: lr }",
      "function(lr='a') { local lr = 7, a: lr }",
      "function(lr='a') { local x = 1, a: { local lr = 'k', b: lr, c: x }, d: lr }",
      "function(lr='a') { a: (function(lr) std.type(lr))(3), b: lr }",
      "function(lr='a') { a: [std.type(lr) for lr in [1, 'x']], b: lr }",
      "function(lr='a') { a: { [k]: std.type(lr) for k in ['p'] for lr in [true] }, b: lr }",
      "function(lr='a') local lr2 = lr; { a: local lr = 1; [lr, lr2], b: local lr2 = 3; lr2 }",
      "function(lr='a') local f(lr) = std.type(lr); { a: f(1), b: lr }",
      "function(lr='a') local f(lr=1) = std.type(lr); { a: f(), b: lr }",
      "function(lr='a') local a = b, b = lr; { x: a, y: [b] }",
      "function(lr='a') local a = b, b = c, c = [lr]; { x: a }",
      "function(lr='a') local a = [lr], b = std.type(a); { x: b }",
      "function(lr='a') local a = { x: b }, b = [lr]; { x: a, n: std.length(a) }",
      "local lr = 'file'; function(lr='a') { a: lr }",
      "local t = std.type; function(lr='a') { a: t(lr) }",
      "local f(x) = std.type(x); function(lr='a') local g = f; { a: g(lr) }",
      "function(lr='a', b=lr) { a: lr, b: b }",
      "function(lr='a', b=local f(x=lr) = x; f()) { a: lr, b: std.type(b) }",
      "function(lr='a', b=function(x=lr) x) { a: lr, b: std.type(b()) }",
      "function(lr='a') { a: lr, b: std.objectFields({ a: lr }) }",
      "function(lr='a') local o = { a: lr }; { a: o, b: std.prune(o), c: std.manifestJson(o) }",
      "function(lr='a') { a: lr, b: std.length([lr]) }",
      "function(lr='a') { a:: lr, b::: lr, c: { d:: lr } }",
      "function(lr='a') { a+: lr }",
      "function(lr='a') { a: lr, assert std.length(std.objectFields(self)) == 1 }",
      "function(lr='a') { a: lr, b: { c: $.a } }",
      "function(lr='a') local o = import 'adv/obj.libsonnet'; { a: lr, o: o, t: o.f(lr) }",
      "function(lr='a') local o = import 'adv/obj.libsonnet'; { a: lr, o: o { a: 5 } }",
      "function(lr='a') { a: lr, p: importstr 'adv/placeholder.txt', f: std.thisFile }",
      "function(lr='a') { a: lr, hidden:: error 'never', e: [lr, 'x'][1] }",
      "function(lr='a') { a: [lr, lr, [lr, { b: lr }]], k: {}, l: [] }",
      "function(lr='a') lr",
      "function(lr='a') [lr]",
      "function(lr='a') local x = lr; x",
      "function(lr='a') { a: lr } + {}",
      "function(lr='a') { a: lr, b: std.type(lr) }",
      "function(lr='a') { a: lr, [if true then 'b']: 1 }",
      "function(lr='a') { a: lr, b: '%s' % lr }",
      "function(lr='a') { a: lr, b: lr == 'a' }",
      "function(lr='a') { a: lr, b: std.member(['a'], lr) }",
      "function(lr='a') { a: lr, b: { a: 1 } { c: lr } }",
      "function(lr='a') { a: lr, b: [x for x in [1]] }",
      "function(lr='a') local o = { a: lr }; { b: 'a' in o }",
      "function(lr='a') { f(x=lr):: x, a: lr }",
      "function(lr='a') { a: lr, t: std.trace('t', 1) }",
      "local o = { a: 1, b: $.a, c: self.a }; function(lr='a') { o: o, a: lr }",
      "function(lr='a', d={ x: 1, y: self.x }) { d: d, a: lr }",
      "function(lr='a') local m = [lr]; { local m = 1, a: m, b: { c: m } }",
      "function(lr='a') { a: lr, b: error 'always' }",
      "function(lr='a') { a: lr, b:: error 'never' }",
      "function(lr='a') { a: { b::: lr, c:: { d::: lr } } }",
      "function(lr='a') { [k]: 1 for k in ['p'] } + { a: lr }",
      "function(lr='a') { local p = lr, [k]: p for k in ['q'] }",
      "function(lr='a') { [k]: 1 for k in [lr] }",
      "function(lr='a') local f(x) = x; { a: f(lr) }",
      "function(lr='a') local f(x=1) = x, l = lr; { a: f(), b: l }",
      "function(lr='a') local f(x=g) = std.type(x), g = lr; { a: f() }",
      "function(lr='a') local f(x=g()) = std.type(x), g() = lr; { a: f() }",
      "function(lr='a') { a: lr, f(x):: std.type(x), t: { g(y=1):: y } }",
  })
  void aShadowedOrHiddenUseIsEitherRefusedOrSplicedRight(String text) throws Exception {
    compare(text, benignThenTyped("lr"));
  }

  @Test
  void aDuplicateFieldFailsToLoadEitherWay() {
    String text = "function(lr='a') { a: lr, a: 1 }";
    JsonnetException e = assertThrows(JsonnetException.class, () -> evaluating(text));
    assertEquals(e.getMessage(), assertThrows(JsonnetException.class, () -> splicing(text)).getMessage());
  }

  // ---- several parameters: order, subsets, defaults ----

  @Test
  void namesInAnotherOrderOrSubsetAreCutAgain() throws Exception {
    String text = "function(a='da', b=2, c=false) { a: a, b: [b, { c: c }], d: a }";
    List<Map<String, ?>> l = new ArrayList<>();
    l.add(args("a", "x", "b", 1));
    l.add(args("a", "y", "b", 2));
    l.add(args("a", "z", "b", 3));
    l.add(args("a", "w", "b", 4));
    l.add(args("b", 5, "a", "v"));
    l.add(args("b", 6, "a", "u"));
    l.add(args("b", 7, "a", "t"));
    l.add(args("b", 8, "a", "s"));
    l.add(args("a", 9));
    l.add(args("a", 10));
    l.add(args("a", 11));
    l.add(args("a", 12));
    l.add(args());
    l.add(args());
    l.add(args());
    l.add(args());
    l.add(args("c", true, "b", "s", "a", 0.5));
    l.add(args("c", true, "b", "s", "a", 0.5));
    l.add(args("c", true, "b", "s", "a", 0.5));
    l.add(args("c", E.B, "b", -1e300, "a", "hyperplaceholder"));
    l.add(args("a", "x", "b", 1));
    assertNull(compare(text, l));
  }

  @Test
  void aValueEqualToAnotherArgumentsValueIsRenderedForItsOwnKey() throws Exception {
    String text = "function(a='x', b='y') { a: a, b: b }";
    List<Map<String, ?>> l = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      l.add(args("a", "s" + i, "b", "s" + i));
    }
    l.add(args("a", 1, "b", 1L));
    l.add(args("a", 1.0, "b", 1.0f));
    l.add(args("a", "A", "b", E.A));
    l.add(args("a", 0.0, "b", -0.0));
    l.add(args("a", 0.1f, "b", 0.1));
    assertNull(compare(text, l));
  }

  // ---- values that cannot be passed: the same error as evaluated, and only JsonnetException ----

  @Test
  void invalidValuesFailAsWhenEvaluated() throws Exception {
    String text = "function(a='x', b='y') { a: a, b: b }";
    List<Map<String, ?>> l = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      l.add(args("a", "s" + i, "b", "t" + i));
    }
    for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, (1L << 53) + 1,
        Long.MAX_VALUE, null, new Object(), List.of(1), new java.math.BigDecimal("1.5"), 'c',
        new java.util.concurrent.atomic.AtomicInteger(1)}) {
      l.add(args("a", "ok", "b", bad));
      l.add(args("a", bad, "b", Double.NaN));
    }
    assertNull(compare(text, l));
  }

  @Test
  void aValueWhoseHashCodeFailsStillFailsAsAJsonnetException() throws Exception {
    JsonnetTemplate t = splicing("function(a='x') { a: a }");
    for (int i = 0; i < 4; i++) {
      t.renderUtf8(Map.of("a", "v" + i));
    }
    List<Object> self = new ArrayList<>();
    self.add(self);                                   // hashCode recurses without end
    Object hostile = new Object() {
      @Override
      public int hashCode() {
        throw new IllegalStateException("no hash");
      }
    };
    String expected = outcome(evaluating("function(a='x') { a: a }"), Map.of("a", hostile));
    assertNotNull(expected);
    JsonnetException e = assertThrows(JsonnetException.class, () -> t.renderUtf8(Map.of("a", hostile)));
    assertEquals(expected, "error: " + e.getMessage());
    assertThrows(JsonnetException.class, () -> t.renderUtf8(Map.of("a", self)));
  }

  // ---- robustness of the proof itself: it must never keep a template from loading ----

  @ParameterizedTest
  @ValueSource(ints = {200, 1000, 3000})
  void aDeepTreeStillLoads(int depth) throws Exception {
    String arr = "[".repeat(depth) + "lr" + "]".repeat(depth);
    String sum = "1" + " + 1".repeat(depth);
    String locals = "local x0 = lr; " + java.util.stream.IntStream.range(1, depth)
        .mapToObj(i -> "local x" + i + " = x" + (i - 1) + "; ").reduce("", String::concat);
    for (String text : List.of("function(lr='a') " + arr, "function(lr='a') { a: lr, b: " + sum + " }",
        "function(lr='a') " + locals + "[x" + (depth - 1) + "]")) {
      JsonnetException evaluated = null;
      try {
        evaluating(text);
      } catch (JsonnetException e) {
        evaluated = e;
      }
      if (evaluated == null) {
        compare(text, benignThenTyped("lr"));
      }
    }
  }

  @Test
  void theKeptRenderingsAreBoundedInBytes() throws Exception {
    Splicer s = new Splicer(new Splicer.Evaluation() {
      @Override
      public byte[] render(Map<String, ?> args) {
        return ("[\"" + args.get("a") + "\"]").getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] renderValue(String key, Object value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
      }
    }, null);
    String big = "x".repeat(200_000);
    for (int i = 0; i < 400; i++) {                  // 400 values of 600 kB each, counted
      s.render(Map.of("a", big + i));
      assertEquals(true, s.cachedBytes() <= Splicer.MAX_CACHED_BYTES, "after " + i + ": " + s.cachedBytes());
    }
    String huge = "y".repeat(2 << 20);               // a value too large to keep is rendered, not kept
    long before = s.cachedBytes();
    assertArrayEquals(("[\"" + huge + "\"]").getBytes(StandardCharsets.UTF_8), s.render(Map.of("a", huge)));
    assertEquals(before, s.cachedBytes());
  }
}
