package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.plan.Ids;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  private final SweepSpec<TestParams> spec = TestSweeps.builder("t").build();

  @TempDir Path root;

  private ExperimentConfig<TestParams> config(Provenance p) {
    TestParams params = spec.grid().get(3);
    String id = Ids.experimentId(spec, params);
    Path dir = Path.of("config/generated/t", id, "0");
    ExperimentInfo info = new ExperimentInfo("t", id, 0, 1, Ids.seed(id, 0), dir, dir.resolve(id + ".toml"),
        dir.resolve(id + ".json"), Path.of("model/generated/t", id, "0"), root, SlurmSettings.NONE,
        new ExperimentInfo.Snapshot("model.jar", 1, "cd".repeat(32)), p);
    return new ExperimentConfig<>(info, params);
  }

  private static Path jar(Path file, String gitProperties) throws IOException {
    try (OutputStream o = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(o)) {
      if (gitProperties != null) {
        j.putNextEntry(new JarEntry("git.properties"));
        j.write(gitProperties.getBytes(StandardCharsets.ISO_8859_1));
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("x.txt"));
      j.closeEntry();
    }
    return file;
  }

  @Test
  void provenanceIsWrittenLastAndReadBack() throws IOException {
    Provenance p = new Provenance("2026-01-02T03:04:05.678Z", "'java' '-jar' 'a b.jar' 'sweep' 't'", "/home/me",
        "17.0.9", "Debian", "Linux", "6.1", "amd64", "0123456789abcdef0123456789abcdef01234567", false,
        "2026-01-01T00:00:00Z");
    ExperimentConfig<TestParams> c = config(p);
    String toml = c.toToml(spec);
    assertTrue(toml.contains("\n[provenance]\ncreated = \"2026-01-02T03:04:05.678Z\"\n"), toml);
    assertTrue(toml.contains("git_commit = \"0123456789abcdef0123456789abcdef01234567\"\ngit_dirty = false\n"), toml);
    Path file = root.resolve(c.experiment().confPath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml);
    assertEquals(c, ExperimentConfig.load(file, spec));

    ExperimentConfig<TestParams> overridden = config(p.withOverrides(
        List.of("config it's \"x\".toml sha256=00ff", "set note=a,b")));
    String withOverrides = overridden.toToml(spec);
    assertTrue(withOverrides.contains("overrides = [\"config it's \\\"x\\\".toml sha256=00ff\", \"set note=a,b\"]\n"),
        withOverrides);
    Files.writeString(file, withOverrides);
    assertEquals(overridden, ExperimentConfig.load(file, spec));

    String without = config(null).toToml(spec);
    assertFalse(without.contains("provenance"), without);
    assertTrue(ExperimentConfig.sameExceptProvenance(toml, without));
    assertTrue(ExperimentConfig.sameExceptProvenance(toml, config(new Provenance("later", "other", "/", "21", "x",
        "y", "z", "w", null, null, null)).toToml(spec)));
    assertFalse(ExperimentConfig.sameExceptProvenance(toml, without.replace("seed = ", "seed = 1")));
  }

  @Test
  void gitIsReadFromTheJarAndAbsentWhenItIsNot() throws IOException {
    Provenance.GitInfo git = Provenance.readGit(jar(root.resolve("a.jar"),
        "#Generated\ngit.build.time=2026-11-27T19\\:25\\:27Z\ngit.commit.id=0123456789abcdef0123456789abcdef01234567\n"
            + "git.dirty=true\n"));
    assertEquals(new Provenance.GitInfo("0123456789abcdef0123456789abcdef01234567", true, "2026-11-27T19:25:27Z"), git);
    assertEquals(Provenance.GitInfo.NONE, Provenance.readGit(jar(root.resolve("b.jar"), null)));
    assertEquals(Provenance.GitInfo.NONE, Provenance.readGit(jar(root.resolve("c.jar"), "git.commit.id=\ngit.dirty=\n")));

    Provenance p = Provenance.capture(jar(root.resolve("d.jar"), null), List.of("sweep", "t"));
    assertNull(p.gitCommit());
    assertNull(p.gitDirty());
    assertEquals(System.getProperty("java.version"), p.javaVersion());
    assertTrue(p.commandLine().startsWith("'"), p.commandLine());
  }
}
