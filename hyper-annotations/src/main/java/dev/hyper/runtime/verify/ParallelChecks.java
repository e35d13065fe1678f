package dev.hyper.runtime.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@link ExperimentVerifier#check} on {@code threads} threads, each with its own verifier, and hands the
 * results back in the order the experiments were given. The checks go to the threads {@link #BATCH} at a time (one
 * hand-over and one wake-up per batch, not per experiment), and at most {@link #WINDOW} per thread are in flight,
 * so memory does not grow with the sweep.
 */
public final class ParallelChecks implements AutoCloseable {
  /** Checks in flight per thread. */
  static final int WINDOW = 64;
  /** Checks handed to a thread at a time. */
  static final int BATCH = 16;

  /** What {@link #check} hands back, in order. */
  @FunctionalInterface
  public interface Result<T> {
    void accept(T item, List<String> problems) throws IOException;
  }

  private final ExecutorService pool;
  private final ThreadLocal<ExperimentVerifier> verifier;
  private final ConcurrentLinkedQueue<ExperimentVerifier> all = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
  private final int windowBatches;
  private List<Check<?>> filling = new ArrayList<>(BATCH);

  private record Check<T>(T item, Work work, Result<T> result) {
    void deliver(List<String> problems) throws IOException {
      result.accept(item, problems);
    }
  }

  private record Batch(List<Check<?>> checks, CompletableFuture<Outcomes> outcomes) {}

  public ParallelChecks(int threads, ExperimentVerifier.Sweeps sweeps) {
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hyper-verify");
      t.setDaemon(true);
      return t;
    });
    this.verifier = ThreadLocal.withInitial(() -> {
      ExperimentVerifier v = new ExperimentVerifier(sweeps);
      all.add(v);
      return v;
    });
    this.windowBatches = Math.max(2, WINDOW * threads / BATCH);
  }

  /** A check on one of the threads, with that thread's verifier. */
  @FunctionalInterface
  public interface Work {
    List<String> run(ExperimentVerifier verifier) throws IOException;
  }

  /** Checks the experiment whose TOML is {@code toml}; {@code result} gets it after every earlier one's. */
  public <T> void check(T item, Path toml, Result<T> result) throws IOException {
    submit(item, v -> v.check(toml), result);
  }

  /** Runs {@code work} on one of the threads; {@code result} gets its problems after every earlier item's. */
  public <T> void submit(T item, Work work, Result<T> result) throws IOException {
    add(new Check<>(item, work, result));
  }

  /** Waits for every check and hands back the rest. */
  public void finish() throws IOException {
    send();
    while (!inFlight.isEmpty()) {
      deliver(inFlight.poll());
    }
  }

  private void add(Check<?> check) throws IOException {
    filling.add(check);
    if (filling.size() == BATCH) {
      send();
    }
  }

  /** Hands the batch being filled to the threads, once the oldest are delivered if the window is full. */
  private void send() throws IOException {
    if (filling.isEmpty()) {
      return;
    }
    List<Check<?>> checks = filling;
    filling = new ArrayList<>(BATCH);
    inFlight.add(new Batch(checks, CompletableFuture.supplyAsync(() -> run(checks), pool)));
    while (inFlight.size() >= windowBatches) {
      deliver(inFlight.poll());
    }
  }

  /** The problems of each check of a batch, up to the first that failed, and that one's failure (or null). */
  private record Outcomes(List<List<String>> problems, IOException failure) {}

  private Outcomes run(List<Check<?>> checks) {
    ExperimentVerifier v = verifier.get();
    List<List<String>> problems = new ArrayList<>(checks.size());
    for (Check<?> c : checks) {
      try {
        problems.add(c.work().run(v));
      } catch (IOException e) {
        return new Outcomes(problems, e);                // the ones before it are still handed back
      }
    }
    return new Outcomes(problems, null);
  }

  private void deliver(Batch b) throws IOException {
    Outcomes outcomes = b.outcomes().join();
    for (int i = 0; i < outcomes.problems().size(); i++) {
      b.checks().get(i).deliver(outcomes.problems().get(i));
    }
    if (outcomes.failure() != null) {
      throw outcomes.failure();
    }
  }

  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    for (ExperimentVerifier v : all) {
      v.close();
    }
  }
}
