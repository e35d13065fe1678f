package dev.hyper.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Hand-built sweeps and jars for tests. */
public final class TestSweeps {
  private TestSweeps() {}

  /** Sweep {@code name} over {@link TestParamsGrid} (12 points) with {@code jsonnet/test_model.jsonnet}. */
  public static SweepSpec.Builder<TestParams> builder(String name) {
    return SweepSpec.builder(name, TestParams.class, new TestParamsGrid()).template("jsonnet/test_model.jsonnet");
  }

  /** A small valid jar file standing in for the model's jar. */
  public static Path dummyJar(Path dir, String content) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve("model-" + Integer.toHexString(content.hashCode()) + ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("content.txt"));
      j.write(content.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }
}
