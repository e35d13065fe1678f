package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** A swept output directory of the real model.jar, and one experiment in it, as the integration tests use them. */
final class Experiments {
  private Experiments() {}

  /** One experiment on disk: its TOML, config directory, serialization directory and params. */
  record Exp(Path root, Path toml, RnnParams params, String id) {
    Path confDir() {
      return toml.getParent();
    }

    Path snapshot() {
      return confDir().resolve("model.jar");
    }

    Path json() {
      return confDir().resolve(id + ".json");
    }

    Path serializationDir() {
      return root.resolve("model/generated/rnn").resolve(id).resolve("0");
    }

    /** {@code java -jar CONF_DIR/model.jar run CONF_PATH [extra...]} in the output directory, as the jobs script does. */
    ModelJar.Result run(String... extra) throws IOException, InterruptedException {
      String[] args = Stream.concat(Stream.of("run", root.relativize(toml).toString()), Stream.of(extra))
          .toArray(String[]::new);
      return ModelJar.run(root, snapshot(), args);
    }
  }

  /** {@code sweep rnn} into {@code dir} with the model jar. */
  static void sweep(Path dir) throws IOException, InterruptedException {
    ModelJar.Result r = ModelJar.run(dir, "sweep", "rnn");
    assertEquals(0, r.exitCode(), r.toString());
  }

  /** The experiment of {@code params} in a swept {@code dir}. */
  static Exp find(Path dir, RnnParams params) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("config/generated/rnn"))) {
      for (Path toml : files.filter(f -> f.toString().endsWith(".toml") && !f.toString().contains("/.")).toList()) {
        RnnParamsConfig c = RnnParamsConfig.load(toml);
        if (c.params().equals(params)) {
          return new Exp(dir, toml, params, c.experiment().id());
        }
      }
    }
    throw new AssertionError("no experiment " + params + " under " + dir);
  }

  /** A fast point: 100 hidden units, one layer. */
  static RnnParams fast(double lr) {
    return new RnnParams(lr, 0.2, 100, 1);
  }

  static TomlParseResult toml(Path file) throws IOException {
    TomlParseResult t = Toml.parse(file);
    if (t.hasErrors()) {
      throw new AssertionError(file + ": " + t.errors());
    }
    return t;
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** metrics.json without its {@code training_seconds} line: what must be the same on every run. */
  static String metricsWithoutTimings(Path metrics) throws IOException {
    List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
    List<String> kept = lines.stream().filter(l -> !l.contains("\"training_seconds\"")).toList();
    assertEquals(lines.size() - 1, kept.size(), "one training_seconds line in " + metrics);
    return String.join("\n", kept).replaceAll(",\\s*}", "}");
  }

  /**
   * Replaces the snapshot (a hard link into the sweep's store) by a copy with one byte changed: the
   * modification time of the jar's first entry, in its local header, which Java ignores, so the jar still
   * runs.
   */
  static void tamper(Path jar) throws IOException {
    byte[] bytes = Files.readAllBytes(jar);
    assertEquals(0x04034b50, (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16
        | (bytes[3] & 0xff) << 24, "a zip's first local header");
    bytes[10] ^= 0x01;
    Files.delete(jar);
    Files.write(jar, bytes);
  }
}
