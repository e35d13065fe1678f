package dev.hyper.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SlurmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunTest {
  @TempDir Path root;

  private ExperimentRun run() {
    Path dir = Path.of("config/generated/t/abc/0");
    return new ExperimentRun(new ExperimentInfo("t", "abc", 0, 1, 42L, dir, dir.resolve("abc.toml"),
        dir.resolve("abc.json"), Path.of("model/generated/t/abc/0"), root.toAbsolutePath(), SlurmSettings.NONE, null));
  }

  @Test
  void pathsAreResolvedAgainstTheRootAndConfigIsParsed() throws Exception {
    ExperimentRun run = run();
    assertEquals(root.toAbsolutePath().resolve("model/generated/t/abc/0"), run.serializationDir());
    Files.createDirectories(run.configJson().getParent());
    Files.writeString(run.configJson(), "{\"trainer\": {\"num_epochs\": 3}}");
    assertEquals(3, run.config().getInt("trainer.num_epochs"));
    assertEquals(42L, run.seed());
  }

  @Test
  void writeMetricsReplacesTheFileAtomicallyAndLeavesNoTemporaries() throws Exception {
    ExperimentRun run = run();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy", 0.75);
    m.put("epochs", 3);
    m.put("history", List.of(0.5, 0.75));
    m.put("note", "it's \"ok\" ü");
    run.writeMetrics(m);
    m.put("accuracy", 0.8);
    run.writeMetrics(m);
    Path file = run.serializationDir().resolve("metrics.json");
    JsonConfig back = JsonConfig.read(file);
    assertEquals(0.8, back.getDouble("accuracy"));
    assertEquals("it's \"ok\" ü", back.getString("note"));
    assertEquals(List.of(0.5, 0.75), back.get("history"));
    try (var files = Files.list(run.serializationDir())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void metricsOfOtherTypesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run().writeMetrics(Map.of("when", new Object())));
    assertTrue(e.getMessage().startsWith("metrics.when is a java.lang.Object"), e.getMessage());
  }
}
