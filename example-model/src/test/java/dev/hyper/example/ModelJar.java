package dev.hyper.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code model.jar} (built by the package phase) in a child JVM, as a user would. */
final class ModelJar {
  /** What a child process printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  static Path jar() {
    String path = System.getProperty("hyper.modelJar");
    if (path == null) {
      throw new IllegalStateException("hyper.modelJar is not set: run the integration tests through Maven (mvn verify)");
    }
    return Path.of(path);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -jar <jar> args...} in {@code dir}. */
  static Result run(Path dir, Path jar, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return exec(dir, command);
  }

  /** {@code java -jar model.jar args...} in {@code dir}. */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, jar(), args);
  }

  static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("hyper-it", ".out");
    Path err = Files.createTempFile("hyper-it", ".err");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private ModelJar() {}
}
