package dev.hyper.runtime.jsonnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.JsonConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

/**
 * The std functions and error paths that reach each library sjsonnet brings, on the class path a user
 * gets from hyper-annotations (which excludes sjsonnet's command-line libraries). Scala loads classes
 * when first used, so a library missing from the class path only shows when a template calls into it.
 */
class StdLibraryTest {
  private static String render(String body) throws JsonnetException {
    return JsonnetTemplate.of("function(name='x')\n  { a: " + body + " }", "std.jsonnet", Importer.none())
        .render(Map.of());
  }

  private static JsonnetException failure(String body) {
    try {
      throw new AssertionError("rendered: " + render(body));
    } catch (JsonnetException e) {
      return e;
    }
  }

  @Test
  void stdFunctionsReachingEachBundledLibraryRender() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.of("""
        function(name='x') {
          md5: std.md5(name),
          gzip: std.gzip(name),
          xz: std.xz(name),
          yaml: std.parseYaml('a: [1, 2]\\nb: {c: true}\\n'),
          json: std.parseJson('{"k": [1.5, null, "s"]}'),
          xml: std.manifestXmlJsonml(['svg', {height: 1}, ['g', 'text']]),
          yamlDoc: std.manifestYamlDoc({a: [1, {b: name}]}),
          ini: std.manifestIni({main: {k: 1}, sections: {s: {v: name}}}),
          python: std.manifestPython({a: true, b: null}),
          format: std.format('%s-%05.2f-%x', [name, 3.14159, 255]),
        }
        """, "std.jsonnet", Importer.none());
    JsonConfig c = JsonConfig.parse(t.render(Map.of("name", "hyper")), "std.json");
    assertEquals("c25f010f6f1e683bae4d396138563ffe", c.getString("md5"));                  // lz4 (sjsonnet's Platform)
    assertEquals("hyper", new String(gunzip(c.getString("gzip")), StandardCharsets.UTF_8));  // the JDK's zip
    assertEquals("hyper", new String(unxz(c.getString("xz")), StandardCharsets.UTF_8));      // xz
    assertEquals(Map.of("a", List.of(1, 2), "b", Map.of("c", true)), c.get("yaml"));         // snakeyaml, org.json
    assertEquals(Map.of("k", Arrays.asList(1.5, null, "s")), c.get("json"));      // ujson
    assertEquals("<svg height=\"1\"><g>text</g></svg>", c.getString("xml"));                 // scalatags
    assertEquals("\"a\":\n- 1\n- \"b\": \"hyper\"", c.getString("yamlDoc"));
    assertEquals("k = 1\n[s]\nv = hyper\n", c.getString("ini"));
    assertEquals("{\"a\": True, \"b\": None}", c.getString("python"));
    assertEquals("hyper-03.14-ff", c.getString("format"));
  }

  @Test
  void aMissingImportOrImportstrIsAnErrorAtTheImport() {
    // the message quotes the name with pprint, which therefore stays on the class path
    assertEquals("std.jsonnet:2:8: Error: Couldn't import file: \"nope.txt\"", failure("importstr 'nope.txt'").oneLine());
    assertEquals("std.jsonnet:2:8: Error: Couldn't import file: \"lib/nope.libsonnet\"",
        failure("import 'lib/nope.libsonnet'").oneLine());
  }

  @Test
  void errorsRaisedInsideStdFunctionsHaveThePositionOfTheCall() {
    assertEquals("std.jsonnet:2:23: Error: assertEqual failed: {\"a\":1} != {\"a\":[2]}",
        failure("std.assertEqual({a: 1}, {a: [2]})").oneLine());
    assertEquals("std.jsonnet:2:15: Error: Wrong parameter type: expected String, got number",
        failure("std.md5(1)").oneLine());
    assertEquals("std.jsonnet:2:18: Error: Unknown extVar: nope", failure("std.extVar('nope')").oneLine());
    assertEquals("std.jsonnet:2:8: Error: {\"a\": 1}", failure("error {a: 1}").oneLine());
  }

  private static byte[] gunzip(String base64) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
      return in.readAllBytes();
    }
  }

  private static byte[] unxz(String base64) throws IOException {
    try (InputStream in = new XZInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
      return in.readAllBytes();
    }
  }
}
