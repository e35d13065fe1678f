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
  private static final long FIXED_TIME = 946684800000L; // 2000-01-01

  public static Path dummyJar(Path dir, String content) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve("model-" + Integer.toHexString(content.hashCode()) + ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.hyper.runtime.cli.Launcher");   // a fat jar's
    // Fixed entry times: the same content must give the same bytes (and SHA-256) whenever it is built.
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      JarEntry meta = new JarEntry("META-INF/MANIFEST.MF");
      meta.setTime(FIXED_TIME);
      j.putNextEntry(meta);
      manifest.write(j);
      j.closeEntry();
      JarEntry entry = new JarEntry("content.txt");
      entry.setTime(FIXED_TIME);
      j.putNextEntry(entry);
      j.write(content.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }
}
