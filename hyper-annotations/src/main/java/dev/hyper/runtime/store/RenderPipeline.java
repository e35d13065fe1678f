package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.render.JobsScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Plans and renders a sweep on worker threads, in memory that does not grow with the sweep, and hands the
 * experiments out in jobs order ({@link #take}). Each worker has its own template (a template is not
 * thread-safe): worker {@code k} of {@code n} renders chunks {@code k, k + n, ...} of {@link #CHUNK}
 * experiments into its own bounded queue. An experiment that {@code keep} says stays as it is is handed out
 * unrendered ({@link Item#kept}).
 */
final class RenderPipeline<P extends Record> {
  /** Experiments rendered per chunk, and at most in the queues at once (per worker). */
  static final int CHUNK = 64;
  static final int QUEUE = 1024;

  /**
   * One experiment, rendered (its JSON, TOML, jobs-script line and task-list line) or kept; the end of the
   * sweep; or the failure that stopped rendering.
   */
  static final class Item {
    static final Item END = new Item(null, null, null, null, null, null);

    final PlannedExperiment<?> planned;
    final byte[] json;
    final byte[] toml;
    final String jobsLine;
    final String taskLine;
    final Throwable failure;

    private Item(PlannedExperiment<?> planned, byte[] json, byte[] toml, String jobsLine, String taskLine,
        Throwable failure) {
      this.planned = planned;
      this.json = json;
      this.toml = toml;
      this.jobsLine = jobsLine;
      this.taskLine = taskLine;
      this.failure = failure;
    }

    /** Whether the experiment is kept as it is on disk, and was not rendered. */
    boolean kept() {
      return planned != null && json == null;
    }

    void rethrow() throws HyperException, IOException {
      ExperimentWriters.rethrow(failure);
    }
  }

  private final SweepSpec<P> spec;
  private final SweepPlanner planner;
  private final Callable<JsonnetTemplate> template;
  private final CompletableFuture<Snapshot> snapshot;
  private final Path out;
  private final boolean slurm;
  private final Provenance provenance;
  private final Predicate<PlannedExperiment<P>> keep;
  private final long total;
  private final List<BlockingQueue<List<Item>>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch firstTemplate = new CountDownLatch(1);
  private volatile boolean stopped;
  private volatile boolean spliced;
  private long chunk;
  private Iterator<Item> current = Collections.emptyIterator();

  /**
   * @param keep which experiments to hand out unrendered (called on the workers, so it must be thread-safe)
   * @param workers how many workers at most
   */
  RenderPipeline(SweepSpec<P> spec, SweepPlanner planner, Callable<JsonnetTemplate> template,
      CompletableFuture<Snapshot> snapshot, Path out, boolean slurm, Provenance provenance,
      Predicate<PlannedExperiment<P>> keep, int workers) {
    this.spec = spec;
    this.planner = planner;
    this.template = template;
    this.snapshot = snapshot;
    this.out = out;
    this.slurm = slurm;
    this.provenance = provenance;
    this.keep = keep;
    this.total = spec.grid().size() * spec.trials();
    int n = (int) Math.max(1, Math.min(workers, (total + CHUNK - 1) / CHUNK));
    for (int k = 0; k < n; k++) {
      queues.add(new ArrayBlockingQueue<>(QUEUE / CHUNK));
      int worker = k;
      Thread t = new Thread(() -> work(worker), "hyper-render-" + k);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /**
   * Whether the renders cost little CPU ({@link ExperimentRenderer#spliced}); known once the first item was
   * taken (the first template is loaded before it).
   */
  boolean spliced() {
    return spliced;
  }

  private void work(int worker) {
    BlockingQueue<List<Item>> queue = queues.get(worker);
    List<Item> items = new ArrayList<>(CHUNK);
    try {
      if (worker > 0) {
        firstTemplate.await();                        // its classes loaded, another template costs little
      }
      ExperimentRenderer<P> renderer;
      try {
        renderer = ExperimentRenderer.of(spec, template.call());
        spliced = renderer.spliced();
      } finally {
        firstTemplate.countDown();
      }
      SweepMaterializer.trace("template loaded (worker " + worker + ")");
      Snapshot jar = snapshot.get();
      for (long c = worker; c * CHUNK < total && !stopped; c += queues.size()) {
        for (Iterator<PlannedExperiment<P>> it = planner.stream(spec, out, jar, c * CHUNK, (c + 1) * CHUNK);
            it.hasNext(); ) {
          PlannedExperiment<P> e = it.next();
          if (keep.test(e)) {
            items.add(new Item(e, null, null, null, null, null));
            continue;
          }
          if (provenance != null) {
            e = new PlannedExperiment<>(e.index(), e.params(), e.tlas(), e.info().withProvenance(provenance));
          }
          items.add(new Item(e, renderer.jsonUtf8(e), e.config().toToml(spec).getBytes(StandardCharsets.UTF_8),
              JobsScript.line(spec.name(), e.info(), slurm),
              LaunchCommand.of(e.info()).taskLine(e.info().serializationDir()), null));
        }
        put(queue, items);
        items = new ArrayList<>(CHUNK);
      }
      SweepMaterializer.trace("all experiments rendered (worker " + worker + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      items.add(new Item(null, null, null, null, null, t instanceof ExecutionException ? t.getCause() : t));
      put(queue, items);
    }
  }

  private void put(BlockingQueue<List<Item>> queue, List<Item> items) {
    try {
      while (!stopped && !queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
        // the writer is busy; look at stopped again
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next experiment in jobs order, or {@link Item#END}. */
  Item take() throws IOException {
    while (!current.hasNext()) {
      if (chunk * CHUNK >= total) {
        return Item.END;
      }
      try {
        current = queues.get((int) (chunk % queues.size())).take().iterator();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for rendering");
      }
      chunk++;
    }
    return current.next();
  }

  void stop() {
    stopped = true;
    queues.forEach(BlockingQueue::clear);
    threads.forEach(Thread::interrupt);
  }

  /** Whether experiment {@code e}'s config directory is under {@code out} (the workers' test of a kept one). */
  static boolean onDisk(Path out, PlannedExperiment<?> e) {
    return Files.isDirectory(out.resolve(e.info().confDir()), LinkOption.NOFOLLOW_LINKS);
  }
}
