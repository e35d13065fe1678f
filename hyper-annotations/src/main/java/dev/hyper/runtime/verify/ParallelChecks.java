package dev.hyper.runtime.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@link ExperimentVerifier#check} on {@code threads} threads, each with its own verifier, and hands the
 * results back in the order the experiments were given: at most {@link #WINDOW} per thread are in flight, so
 * memory does not grow with the sweep.
 */
public final class ParallelChecks implements AutoCloseable {
  /** Checks in flight per thread. */
  static final int WINDOW = 64;

  /** What {@link #check} hands back, in order. */
  @FunctionalInterface
  public interface Result<T> {
    void accept(T item, List<String> problems) throws IOException;
  }

  private final ExecutorService pool;
  private final ThreadLocal<ExperimentVerifier> verifier;
  private final ConcurrentLinkedQueue<ExperimentVerifier> all = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Pending<?>> inFlight = new ArrayDeque<>();
  private final int window;

  private record Pending<T>(T item, CompletableFuture<List<String>> problems, Result<T> result) {}

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
    this.window = WINDOW * threads;
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
    inFlight.add(new Pending<>(item, CompletableFuture.supplyAsync(() -> {
      try {
        return work.run(verifier.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, pool), result));
    while (inFlight.size() >= window) {
      deliver(inFlight.poll());
    }
  }

  /** Hands {@code item} and {@code problems}, known without a check, to {@code result} after every earlier one's. */
  public <T> void known(T item, List<String> problems, Result<T> result) throws IOException {
    inFlight.add(new Pending<>(item, CompletableFuture.completedFuture(problems), result));
    while (inFlight.size() >= window) {
      deliver(inFlight.poll());
    }
  }

  /** Waits for every check and hands back the rest. */
  public void finish() throws IOException {
    while (!inFlight.isEmpty()) {
      deliver(inFlight.poll());
    }
  }

  private <T> void deliver(Pending<T> p) throws IOException {
    List<String> problems;
    try {
      problems = p.problems().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
    p.result().accept(p.item(), problems);
  }

  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    for (ExperimentVerifier v : all) {
      v.close();
    }
  }
}
