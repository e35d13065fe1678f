package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep} runs in a forked, tuned JVM (dev.hyper.runtime.fork.ForkedSweep), on the real model.jar:
 * the child writes, the user's command line is what provenance records, the class-data archive is
 * recorded once and then used, and stopping the process the user started stops the child.
 */
class ForkedSweepIT {
  @TempDir Path dir;

  @Test
  void theForkedChildWritesAndProvenanceRecordsTheUsersCommand() throws Exception {
    Path cache = dir.resolve("cache");
    Process p = start(cache, List.of("-Xmx200m", "-Dhyper.trace=true"), "sweep", "rnn", "--out", "runs");
    assertEquals(0, p.waitFor(), output(p));
    String holder = Files.readString(dir.resolve("runs/.hyper.lock")).strip();
    assertNotEquals(Long.toString(p.pid()), holder, "the sweep was written by the process started, not a fork");
    String toml = firstToml(dir.resolve("runs"));
    String java = ModelJar.java();
    assertTrue(toml.contains("command_line = \"'" + java + "' '-Xmx200m' '-Dhyper.trace=true' '-jar' '" + ModelJar.jar()
        + "' 'sweep' 'rnn' '--out' 'runs'\""), toml);
    assertFalse(toml.contains("TieredStopAtLevel"), toml);
    // the parent hashed the jar and handed the digest over (the child's trace says it took it): it must be the jar's
    String handed = "digest of " + ModelJar.jar().getFileName() + " handed over by the parent JVM";
    assertTrue(Files.readString(dir.resolve("runs.err")).contains(handed), output(p));
    assertTrue(toml.contains("sha256 = \"" + dev.hyper.runtime.io.Sha256.of(ModelJar.jar()) + "\""), toml);

    Process unforked = start(cache, List.of("-Dhyper.fork=false", "-Dhyper.trace=true"), "sweep", "rnn", "--out",
        "plain");
    assertEquals(0, unforked.waitFor(), output(unforked));
    assertEquals(Long.toString(unforked.pid()), Files.readString(dir.resolve("plain/.hyper.lock")).strip());
    assertFalse(Files.readString(dir.resolve("plain.err")).contains(handed), "no parent, no digest handed over");
  }

  @Test
  void theFirstSweepRecordsAClassDataArchiveThatTheNextOneMaps() throws Exception {
    Path cache = dir.resolve("cache");
    Process first = start(cache, List.of(), "sweep", "rnn", "--out", "a");
    assertEquals(0, first.waitFor(), output(first));
    List<String> archives = list(cache.resolve("hyper/cds"));
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).matches("[0-9a-f]{24}\\.jsa"), archives.toString());

    // -Xshare:on (the user's options come after Hyper's): the JVM fails unless it maps the archive
    Process second = start(cache, List.of("-Xshare:on"), "sweep", "rnn", "--out", "b");
    assertEquals(0, second.waitFor(), output(second));
    assertEquals(archives, list(cache.resolve("hyper/cds")), "the second sweep recorded nothing new");

    Path archive = cache.resolve("hyper/cds").resolve(archives.get(0));
    Files.delete(archive);                                         // the JVM writes it read-only
    Files.write(archive, new byte[] {1, 2, 3});
    Process broken = start(cache, List.of("-Xshare:on"), "sweep", "rnn", "--out", "c");
    assertEquals(1, broken.waitFor(), "-Xshare:on with a broken archive must fail, or the check above proves nothing");
    Process tolerant = start(cache, List.of(), "sweep", "rnn", "--out", "d");
    assertEquals(0, tolerant.waitFor(), "a broken archive is ignored: " + output(tolerant));
    assertEquals("", (Files.readString(dir.resolve("d.out")) + Files.readString(dir.resolve("d.err"))).lines()
        .filter(l -> l.contains("archive")).collect(Collectors.joining("\n")), "and not mentioned");
  }

  @Test
  void withClassDataSharingOffTheForkedSweepRecordsNoArchiveAndStillRuns() throws Exception {
    Path cache = dir.resolve("cache");
    Process p = start(cache, List.of("-Xshare:off"), "sweep", "rnn", "--out", "off");
    assertEquals(0, p.waitFor(), output(p));
    assertFalse(Files.exists(cache.resolve("hyper/cds")) && !list(cache.resolve("hyper/cds")).isEmpty());
    assertNotEquals(Long.toString(p.pid()), Files.readString(dir.resolve("off/.hyper.lock")).strip(), "forked");
  }

  @Test
  void sigtermToTheSweepStopsTheForkedChildToo() throws Exception {
    // a grid of 3 x 60 x 4 x 2 = 1,440 experiments: long enough to stop midway
    String dropouts = IntStream.range(0, 60).mapToObj(i -> "0." + (100 + i)).collect(Collectors.joining(","));
    Process p = start(dir.resolve("cache"), List.of(), "sweep", "rnn", "--set", "dropout=" + dropouts, "--out", "big");
    Path lock = dir.resolve("big/.hyper.lock");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(lock) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    List<ProcessHandle> children = p.descendants().toList();
    assertTrue(p.isAlive(), "the sweep ended before it could be stopped: " + output(p));
    assertEquals(1, children.size(), "one forked JVM: " + children);
    p.destroy();                                                   // SIGTERM to the process the user started
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the sweep did not stop");
    assertEquals(143, p.exitValue(), output(p));
    assertFalse(children.get(0).isAlive(), "the forked child outlived its parent");
  }

  private Process start(Path cache, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ModelJar.java());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", ModelJar.jar().toString()));
    command.addAll(List.of(args));
    String name = args[args.length - 1];
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    b.environment().put("XDG_CACHE_HOME", cache.toString());
    return b.start();
  }

  private String output(Process p) throws IOException {
    StringBuilder s = new StringBuilder("exit ").append(p.isAlive() ? "(running)" : p.exitValue());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".err")).toList()) {
        s.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return s.toString();
  }

  private static List<String> list(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String firstToml(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("config/generated/rnn"))) {
      Path toml = files.filter(f -> f.toString().endsWith(".toml")).sorted().findFirst().orElseThrow();
      return Files.readString(toml, StandardCharsets.UTF_8);
    }
  }
}
