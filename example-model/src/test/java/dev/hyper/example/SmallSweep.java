package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small, fast sweep of the real model for the executor and SLURM tests: {@code sweep rnn} narrowed with
 * {@code --set} to 100 hidden units, one layer and dropout 0.2, so three experiments (the learning rates),
 * each training in a few seconds.
 */
final class SmallSweep {
  static final List<String> SET = List.of("--set", "hidden_dim=100", "--set", "n_hidden_layers=1", "--set",
      "dropout=0.2");

  private SmallSweep() {}

  /** Sweeps the small sweep into {@code dir} (with {@code extra} options) and returns its experiments by id. */
  static List<Experiments.Exp> sweep(Path dir, String... extra) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("sweep", "rnn"));
    args.addAll(SET);
    args.addAll(List.of(extra));
    ModelJar.Result r = ModelJar.run(dir, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    List<Experiments.Exp> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("config/generated/rnn"))) {
      for (Path toml : files.filter(f -> f.toString().endsWith(".toml") && !f.toString().contains("/.")).sorted()
          .toList()) {
        RnnParamsConfig c = RnnParamsConfig.load(toml);
        out.add(new Experiments.Exp(dir, toml, c.params(), c.experiment().id()));
      }
    }
    assertEquals(3, out.size(), out.toString());
    return out;
  }

  /** Makes {@code e}'s run refuse it (exit 2, no marker): its JSON config is no longer the template's. */
  static String breakConfig(Experiments.Exp e) throws IOException {
    String json = Files.readString(e.json(), StandardCharsets.UTF_8);
    Files.writeString(e.json(), json.replaceFirst("\\{", "{\"tampered\": true, "), StandardCharsets.UTF_8);
    return json;
  }

  /** Makes {@code e}'s training fail (FAILED marker): metrics.json cannot be written over a directory. */
  static Path breakTraining(Experiments.Exp e) throws IOException {
    Path blocker = Files.createDirectories(e.serializationDir().resolve("metrics.json"));
    Files.writeString(blocker.resolve("keep"), "");
    return blocker;
  }

  /** Removes what {@link #breakTraining} put there. */
  static void fixTraining(Experiments.Exp e) throws IOException {
    Path blocker = e.serializationDir().resolve("metrics.json");
    Files.deleteIfExists(blocker.resolve("keep"));
    Files.deleteIfExists(blocker);
  }

  /** The marker files in {@code e}'s serialization directory. */
  static List<String> markers(Experiments.Exp e) {
    return Stream.of("STARTED", "DONE", "FAILED").filter(m -> Files.exists(e.serializationDir().resolve(m)))
        .toList();
  }

  /** {@code java -jar model.jar args...} in {@code dir}, with extra environment variables. */
  static ModelJar.Result runWithEnv(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ModelJar.java(), "-jar", ModelJar.jar().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("hyper-it", ".out");
    Path err = Files.createTempFile("hyper-it", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new ModelJar.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The count on a {@code status} line such as {@code "  done          3"}. */
  static int count(String status, String state) {
    for (String line : status.lines().toList()) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 2 && words[0].equals(state)) {
        return Integer.parseInt(words[1]);
      }
    }
    throw new AssertionError("no " + state + " count in:\n" + status);
  }
}
