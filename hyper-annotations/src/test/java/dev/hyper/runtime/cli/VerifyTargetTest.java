package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code verify} reads its TARGET, in a child JVM whose working directory holds a directory named like
 * the sweep (a relative TARGET resolves against the process's working directory, which a test cannot change).
 */
class VerifyTargetTest {
  @TempDir Path tmp;

  @Test
  void aSweepNameWithOutChecksTheSweepUnderOutNotTheDirectoryOfThatName() throws Exception {
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"));
    Path out = tmp.resolve("out");
    Path cwd = Files.createDirectories(tmp.resolve("cwd/toy"));   // ./toy: no experiments in it
    assertEquals(0, java(cwd.getParent(), jar, "sweep", "toy", "--out", out.toString()).code);

    Result r = java(cwd.getParent(), jar, "verify", "toy", "--out", out.toString());
    assertEquals("verify: 4 experiments, 4 ok\n", r.text);
    assertEquals(0, r.code);

    Result path = java(cwd.getParent(), jar, "verify", "toy");      // without --out: the path that exists
    assertEquals("no experiment TOML files (config/generated/SWEEP/ID/TRIAL/ID.toml) under toy\n", path.text);
    assertEquals(2, path.code);

    Result notASweep = java(cwd.getParent(), jar, "verify", "cwd", "--out", out.toString());
    assertEquals("verify: --out " + out + " goes with a sweep name, but 'cwd' is no sweep of this jar; give the"
        + " path alone\n", notASweep.text);
    assertEquals(2, notASweep.code);
  }

  private record Result(int code, String text) {}

  private static Result java(Path dir, Path jar, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), text);
  }
}
