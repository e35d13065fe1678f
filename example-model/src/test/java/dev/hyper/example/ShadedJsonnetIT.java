package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.jsonnet.Importer;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code model.jar} carries every library that rendering can reach: {@link #main} renders
 * std functions that call into each library sjsonnet brings and Hyper keeps (lz4, xz, snakeyaml with
 * org.json, scalatags, ujson) and a missing import (pprint quotes its name), in a JVM whose class path is
 * the jar and this class only. Scala loads a class when it is first used, so only such calls show a
 * missing one.
 */
class ShadedJsonnetIT {
  @TempDir Path dir;

  /** Renders the probe template, then a template with a missing import; prints both. */
  public static void main(String[] args) throws Exception {
    System.out.print(JsonnetTemplate.of("""
        function(name='hyper') {
          md5: std.md5(name),
          xz: std.length(std.xz(name)) > 0,
          yaml: std.parseYaml('a: [1, 2]'),
          json: std.parseJson('{"k": null}'),
          xml: std.manifestXmlJsonml(['g', {id: name}]),
        }
        """, "probe.jsonnet", Importer.none()).render(Map.of()));
    try {
      JsonnetTemplate.of("function() import 'nope.libsonnet'", "missing.jsonnet", Importer.none()).render(Map.of());
    } catch (JsonnetException e) {
      System.out.println(e.oneLine());
    }
  }

  @Test
  void rendersStdFunctionsAndImportErrorsOnTheJarAlone() throws Exception {
    String probe = Path.of(ShadedJsonnetIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    ModelJar.Result r = ModelJar.exec(dir, List.of(ModelJar.java(), "-cp",
        ModelJar.jar() + File.pathSeparator + probe, ShadedJsonnetIT.class.getName()));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("""
        {
           "json": {
              "k": null
           },
           "md5": "c25f010f6f1e683bae4d396138563ffe",
           "xml": "<g id=\\"hyper\\"></g>",
           "xz": true,
           "yaml": {
              "a": [
                 1,
                 2
              ]
           }
        }
        missing.jsonnet:1:12: Error: Couldn't import file: "nope.libsonnet"
        """, r.stdout(), r.toString());
  }
}
