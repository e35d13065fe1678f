package dev.hyper.runtime.jsonnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.jsonnet.JsonnetException.Kind;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonnetTemplateTest {
  private static final ClassLoader LOADER = JsonnetTemplateTest.class.getClassLoader();

  enum Optimizer { ADAM, SGD }

  @Test
  void blogTemplateParametersInDeclarationOrder() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(LOADER, "jsonnet/rnn_model.jsonnet");
    assertEquals(List.of(
        new TemplateParam("lr", true, DefaultKind.NUMBER, "0.001"),
        new TemplateParam("dropout", true, DefaultKind.NUMBER, "0.25"),
        new TemplateParam("hidden_dim", true, DefaultKind.NUMBER, "1500"),
        new TemplateParam("n_hidden_layers", true, DefaultKind.NUMBER, "1"),
        new TemplateParam("debug", true, DefaultKind.BOOLEAN, "false")), t.parameters());
    assertEquals("jsonnet/rnn_model.jsonnet", t.name());
  }

  @Test
  void rendersBlogTemplateWithSortedKeysAndIndentThree() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(LOADER, "jsonnet/rnn_model.jsonnet");
    String json = t.render(Map.of("lr", 0.0001, "hidden_dim", 300, "debug", true));
    assertTrue(json.startsWith("{\n   \"dataset_reader\": {\n      \"char_skip\": null,\n      \"debug\": true,"), json);
    assertTrue(json.contains("\n      \"hidden_dim\": 300,\n"), json);
    assertTrue(json.contains("\"lr\": 1.0E-4"), json);
    assertTrue(json.contains("\"dropout\": 0.25"), json);
    assertTrue(json.endsWith("}\n"), json);
  }

  @Test
  void twoRendersGiveTheSameText() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(LOADER, "jsonnet/rnn_model.jsonnet");
    Map<String, Object> a = Map.of("lr", 0.001, "dropout", 0.35, "n_hidden_layers", 2);
    String first = t.render(a);
    t.render(Map.of("lr", 0.5));
    assertEquals(first, t.render(new LinkedHashMap<>(a)));
    assertFalse(first.equals(t.render(Map.of("lr", 0.5))));
  }

  @Test
  void followsLocalPreludeImportsAndImportstrRelativeToTheImportingFile(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("lib/data"));
    Files.writeString(dir.resolve("lib/defaults.libsonnet"),
        "{ batch: 128, note: importstr 'data/note.txt' }\n");
    Files.writeString(dir.resolve("lib/data/note.txt"), "hello");
    Files.writeString(dir.resolve("model.jsonnet"), """
        // a comment
        local d = import 'lib/defaults.libsonnet';
        local twice(x) = 2 * x;
        assert d.batch > 0;
        function(run_name, lr=0.001, neg=-1, name="it's", none=null, arr=[1, 2], obj={a: 1}, e=twice(3))
        { run: run_name, batch: d.batch, note: d.note, e: e, neg: neg }
        """);
    JsonnetTemplate t = JsonnetTemplate.load(dir.resolve("model.jsonnet"));
    assertEquals(List.of(
        new TemplateParam("run_name", false, DefaultKind.NONE, null),
        new TemplateParam("lr", true, DefaultKind.NUMBER, "0.001"),
        new TemplateParam("neg", true, DefaultKind.NUMBER, "-1"),
        new TemplateParam("name", true, DefaultKind.STRING, "\"it's\""),
        new TemplateParam("none", true, DefaultKind.NULL, "null"),
        new TemplateParam("arr", true, DefaultKind.ARRAY, null),
        new TemplateParam("obj", true, DefaultKind.OBJECT, null),
        new TemplateParam("e", true, DefaultKind.EXPRESSION, null)), t.parameters());
    assertEquals("""
        {
           "batch": 128,
           "e": 6,
           "neg": -1,
           "note": "hello",
           "run": "r1"
        }
        """, t.render(Map.of("run_name", "r1")));
  }

  @Test
  void topLevelThroughAnImportIsStillAFunction() throws Exception {
    Importer files = path -> path.equals("cfg/fn.libsonnet")
        ? Optional.of("function(a, b=2) { sum: a + b }") : Optional.empty();
    JsonnetTemplate t = JsonnetTemplate.of("import 'fn.libsonnet'", "cfg/main.jsonnet", files);
    assertEquals(List.of("a", "b"), t.parameters().stream().map(TemplateParam::name).toList());
    assertTrue(t.render(Map.of("a", 40)).contains("\"sum\": 42"));
  }

  @Test
  void blogFileWithMissingCommaIsAParseErrorAt53Col5() {
    JsonnetException e = assertThrows(JsonnetException.class,
        () -> JsonnetTemplate.fromResource(LOADER, "jsonnet/rnn_model_orig.jsonnet"));
    assertEquals(Kind.PARSE_ERROR, e.kind());
    assertEquals("jsonnet/rnn_model_orig.jsonnet", e.file());
    assertEquals(53, e.line());
    assertEquals(5, e.column());
    assertEquals("jsonnet/rnn_model_orig.jsonnet:53:5: ParseError: Expected \"}\", found \"optimizer:\"", e.oneLine());
  }

  @Test
  void parseErrorOfAFileNamesTheFileAsLoaded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rnn_model.jsonnet");
    Files.copy(Path.of("src/test/resources/jsonnet/rnn_model_orig.jsonnet"), file);
    JsonnetException e = assertThrows(JsonnetException.class, () -> JsonnetTemplate.load(file));
    assertEquals("rnn_model.jsonnet:53:5: ParseError: Expected \"}\", found \"optimizer:\"", e.oneLine());
  }

  @Test
  void staticErrorHasLineAndColumn() {
    JsonnetException e = assertThrows(JsonnetException.class, () -> JsonnetTemplate.of(
        "function(lr=0.001)\n{\n  a: lr,\n  b: momentum,\n}\n", "static_err.jsonnet", Importer.none()));
    assertEquals(Kind.STATIC_ERROR, e.kind());
    assertEquals("static_err.jsonnet:4:6: StaticError: Unknown variable: momentum", e.oneLine());
    assertEquals("static_err.jsonnet:4", e.location());
  }

  @Test
  void errorInsideAnImportedFileIsReportedThere() throws Exception {
    Importer files = path -> path.equals("lib/l.libsonnet")
        ? Optional.of("{\n  f(x):: x * 'a',\n}\n") : Optional.empty();
    JsonnetTemplate t = JsonnetTemplate.of(
        "local l = import 'lib/l.libsonnet';\nfunction(x) { a: l.f(x) }", "m.jsonnet", files);
    JsonnetException e = assertThrows(JsonnetException.class, () -> t.render(Map.of("x", 2)));
    assertEquals(Kind.ERROR, e.kind());
    assertEquals("lib/l.libsonnet", e.file());
    assertEquals(2, e.line());
    assertTrue(e.detail().contains("number * string"), e.detail());
  }

  @Test
  void missingImportIsAnError() {
    JsonnetException e = assertThrows(JsonnetException.class, () -> JsonnetTemplate.of(
        "local l = import 'nope.libsonnet';\nfunction(x) { a: l }", "m.jsonnet", Importer.none())
        .render(Map.of("x", 1)));
    assertTrue(e.oneLine().startsWith("m.jsonnet:1:"), e.oneLine());
    assertTrue(e.detail().contains("nope.libsonnet"), e.detail());
  }

  @Test
  void nonFunctionTopLevelIsRejectedSayingWhatItIs() {
    JsonnetException e = assertThrows(JsonnetException.class,
        () -> JsonnetTemplate.of("{ a: 1, b: [1, 2, 3] }", "obj.jsonnet", Importer.none()));
    assertEquals(Kind.ERROR, e.kind());
    assertTrue(e.oneLine().startsWith("obj.jsonnet: Error: the top level is an object, not a function"), e.oneLine());
    JsonnetException arr = assertThrows(JsonnetException.class,
        () -> JsonnetTemplate.of("[1]", "arr.jsonnet", Importer.none()));
    assertTrue(arr.detail().contains("an array"), arr.detail());
    assertTrue(e.isNotAFunction());
    assertEquals("an object", e.topLevel());
    assertEquals("an array", arr.topLevel());
    JsonnetException syntax = assertThrows(JsonnetException.class,
        () -> JsonnetTemplate.of("{ a: }", "bad.jsonnet", Importer.none()));
    assertFalse(syntax.isNotAFunction(), "a parse error is not the not-a-function signal");
  }

  @Test
  void unknownTlaIsRejectedListingTheParameters() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(LOADER, "jsonnet/rnn_model.jsonnet");
    JsonnetException e = assertThrows(JsonnetException.class, () -> t.render(Map.of("lerning_rate", 0.1)));
    assertEquals("jsonnet/rnn_model.jsonnet: Error: 'lerning_rate' is not a parameter of the top-level function;"
        + " its parameters are lr, dropout, hidden_dim, n_hidden_layers, debug", e.oneLine());
  }

  @Test
  void missingRequiredParameterIsRejected() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(run_name, lr=1) { r: run_name }", "m.jsonnet", Importer.none());
    JsonnetException e = assertThrows(JsonnetException.class, () -> t.render(Map.of("lr", 2)));
    assertEquals("m.jsonnet: Error: the top-level function needs 'run_name' (no default), but it was not given",
        e.oneLine());
  }

  @Test
  void runtimeErrorInTheBodyHasItsPosition() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(x)\n  { a: error 'boom ' + x }", "m.jsonnet", Importer.none());
    JsonnetException e = assertThrows(JsonnetException.class, () -> t.render(Map.of("x", 7)));
    assertEquals("m.jsonnet:2:8: Error: boom 7", e.oneLine());
  }

  @Test
  void stringsReachTheJsonIntact() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(s, e) { s: s, e: e }", "m.jsonnet", Importer.none());
    String tricky = "it's \"q\" $(id) `x` \\ ünïcødé 日本 😀";
    String json = t.render(Map.of("s", tricky, "e", Optimizer.SGD));
    assertEquals("{\n   \"e\": \"SGD\",\n   \"s\": " + JsonnetLiterals.quote(tricky) + "\n}\n", json);
  }

  @Test
  void valuesThatJsonnetCannotCarryAreRejected() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("function(x=0) { x: x }", "m.jsonnet", Importer.none());
    assertTrue(assertThrows(JsonnetException.class, () -> t.render(Map.of("x", Double.NaN)))
        .detail().contains("finite"));
    assertTrue(assertThrows(JsonnetException.class, () -> t.render(Map.of("x", (1L << 53) + 1)))
        .detail().contains("exactly"));
    assertTrue(assertThrows(JsonnetException.class, () -> t.render(Map.of("x", List.of(1))))
        .detail().contains("unsupported type"));
    assertEquals("{\n   \"x\": 9007199254740992\n}\n", t.render(Map.of("x", 1L << 53)));
  }

  @Test
  void unreadableTemplateIsAJsonnetException(@TempDir Path dir) {
    JsonnetException e = assertThrows(JsonnetException.class, () -> JsonnetTemplate.load(dir.resolve("nope.jsonnet")));
    assertTrue(e.oneLine().contains("cannot read the template"), e.oneLine());
    JsonnetException r = assertThrows(JsonnetException.class, () -> JsonnetTemplate.fromResource(LOADER, "nope.jsonnet"));
    assertEquals("nope.jsonnet: Error: no such classpath resource", r.oneLine());
    assertNull(r.line());
  }

  @Test
  void importerPathsAreNormalizedAndRelative() {
    assertEquals("a/c.libsonnet", SjPath.of("a/b/../c.libsonnet").toString());
    assertEquals("cfg", SjPath.of("cfg/main.jsonnet").parent().toString());
    assertEquals("../x.libsonnet", SjPath.of("main.jsonnet").parent().$div("../x.libsonnet").toString());
    assertEquals("/abs/x", SjPath.of("cfg/m").parent().$div("/abs/./x").toString());
    assertEquals(SjPath.of("a/./b"), SjPath.of("a//b"));
  }
}
