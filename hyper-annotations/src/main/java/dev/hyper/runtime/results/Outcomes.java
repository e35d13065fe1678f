package dev.hyper.runtime.results;

import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.results.SweepResults.Status;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What each experiment's files say, read on {@code threads} threads and handed back in the order the
 * experiments were given: its status (from its TOML and markers), and when it is DONE its metric from
 * {@code metrics.json} and whether that file changed after the run ({@link ExperimentChecks#metrics}, unless
 * DONE records the file's SHA-256 as it is: {@link #records}). At most {@link #WINDOW} experiments per
 * thread are in flight, so memory does not grow with the sweep.
 */
final class Outcomes implements AutoCloseable {
  /** Experiments in flight per thread. */
  static final int WINDOW = 64;

  /**
   * One experiment's outcome.
   *
   * @param status its status
   * @param metric the metric, or NaN if it has none
   * @param changed its {@code metrics.json} is not the one its run left
   * @param warnings problems with its files, in the order the report lists them
   * @param keys the keys of its {@code metrics.json}, and which of them are numbers (null if none was read)
   * @param notANumber how its metric is no number ({@code FILE has a string, "abc"}), or null
   */
  record Outcome(Status status, double metric, boolean changed, List<String> warnings, Map<String, Boolean> keys,
      String notANumber) {}

  /** Takes the outcomes, in order. */
  @FunctionalInterface
  interface Sink {
    void accept(int position, Outcome outcome);
  }

  private record Pending(int position, Future<Outcome> outcome) {}

  private final Path root;
  private final String sweep;
  private final String metric;
  private final Sink sink;
  /** The points with a serialization directory when this began: the others have no markers to look at. */
  private final Set<String> startedPoints;
  private final ExecutorService pool;
  private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
  private final int window;

  Outcomes(Path root, String sweep, String metric, int threads, Sink sink) throws IOException {
    this.root = root;
    this.sweep = sweep;
    this.startedPoints = ExperimentFiles.startedPoints(root, sweep);
    this.metric = metric;
    this.sink = sink;
    this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hyper-results");
      t.setDaemon(true);
      return t;
    });
    this.window = WINDOW * Math.max(1, threads);
  }

  /**
   * Reads experiment {@code id} trial {@code trial}, the {@code position}-th; the sink gets it after every earlier
   * one. A {@code lazy} experiment (its task makes it) that is not made yet is PENDING rather than MISSING.
   */
  void read(int position, String id, int trial, boolean lazy) throws IOException {
    if (pool == null || lazy && !startedPoints.contains(id) && inFlight.isEmpty()) {
      sink.accept(position, outcome(id, trial, lazy));   // no file to read, or one thread: here, at once
      return;
    }
    Future<Outcome> outcome = lazy && !startedPoints.contains(id)
        ? CompletableFuture.completedFuture(PENDING)     // known without a thread, after the ones before it
        : pool.submit(() -> outcome(id, trial, lazy));
    inFlight.add(new Pending(position, outcome));
    while (inFlight.size() >= window) {
      deliver(inFlight.poll());
    }
  }

  /** Waits for every experiment and hands back the rest. */
  void finish() throws IOException {
    while (!inFlight.isEmpty()) {
      deliver(inFlight.poll());
    }
  }

  private void deliver(Pending p) throws IOException {
    Outcome o;
    try {
      o = p.outcome().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading results", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
    sink.accept(p.position(), o);
  }

  private static final Outcome PENDING = new Outcome(Status.PENDING, Double.NaN, false, List.of(), null, null);

  private Outcome outcome(String id, int trial, boolean lazy) throws IOException {
    boolean started = startedPoints.contains(id);
    if (!started && lazy) {
      return PENDING;                                // made or not, no run has started on it: no stat
    }
    Path dir = root.resolve(Layout.serializationDir(sweep, id, trial));
    Status status = Files.isRegularFile(root.resolve(Layout.confPath(sweep, id, trial)))
        ? (started ? Status.valueOf(Markers.status(dir).name()) : Status.PENDING)
        : lazy ? Status.PENDING : Status.MISSING;
    if (status != Status.DONE) {
      return new Outcome(status, Double.NaN, false, List.of(), null, null);
    }
    List<String> warnings = new ArrayList<>(0);
    boolean changed = false;
    double value = Double.NaN;
    Map<String, Boolean> keys = null;
    String notANumber = null;
    Path metrics = dir.resolve(ExperimentRun.METRICS_FILE);
    boolean present = Files.isRegularFile(metrics);
    byte[] bytes = present ? readOrNull(metrics) : null;
    boolean recorded = bytes != null && records(dir.resolve(Markers.DONE), Sha256.of(bytes));
    for (String problem : recorded ? List.<String>of() : ExperimentChecks.metrics(dir)) {
      changed = true;
      warnings.add(id + " trial " + trial + ": " + problem + "; its row is marked " + SweepResults.CHANGED_MARK);
    }
    if (!present) {
      warnings.add(metrics + ": missing, though the experiment is DONE");
    } else {
      try {
        String text = bytes == null ? null : utf8(bytes);
        JsonConfig json = text == null ? JsonConfig.read(metrics) : JsonConfig.parse(text, metrics.toString());
        keys = new java.util.LinkedHashMap<>();
        for (String k : json.keys()) {
          keys.put(k, json.get(k) instanceof Number);
        }
        if (json.has(metric)) {
          Object v = json.get(metric);
          if (v instanceof Number num) {
            value = num.doubleValue();
          } else {
            warnings.add(metrics + ": '" + metric + "' is not a number: " + v);
            notANumber = metrics + " has " + describe(v);
          }
        }
      } catch (IOException | RuntimeException e) {
        warnings.add(metrics + ": " + e.getMessage());
      }
    }
    return new Outcome(status, value, changed, warnings, keys, notANumber);
  }

  /** The file's bytes, or null if it cannot be read (the checks that follow then read it and say why). */
  private static byte[] readOrNull(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code bytes} as UTF-8, or null if they are not (then {@link JsonConfig#read} says so). */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Whether {@code done} has the line {@code metrics_sha256 = "SHA"} as {@link Markers#writeDone} writes it:
   * then its {@code metrics.json} is the one the run left, known without parsing the markers (their TOML takes
   * most of the time of reading a sweep). Otherwise {@link ExperimentChecks#metrics} says what is wrong.
   */
  static boolean records(Path done, String sha) {
    byte[] text;
    try {
      text = Files.readAllBytes(done);
    } catch (IOException e) {
      return false;
    }
    byte[] line = ("metrics_sha256 = \"" + sha + "\"").getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + line.length <= text.length; i++) {
      if (i > 0 && text[i - 1] != '\n') {
        continue;
      }
      for (int j = 0; j < line.length; j++) {
        if (text[i + j] != line[j]) {
          continue outer;
        }
      }
      int end = i + line.length;
      if (end == text.length || text[end] == '\n' || text[end] == '\r') {
        return true;
      }
    }
    return false;
  }

  /** A JSON value that is not a number, for a message: {@code a string, "abc"}. */
  static String describe(Object v) {
    String kind = v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : v == null ? "null"
        : v instanceof List ? "an array" : v instanceof Map ? "an object" : "a " + v.getClass().getSimpleName();
    String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    return v == null ? kind : kind + ", " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
