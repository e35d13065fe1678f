package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.render.JobsScript;
import dev.hyper.runtime.render.SweepManifest;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.snapshot.ProgramSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes a whole sweep under an output directory, streaming: every experiment's directory, the sweep's
 * snapshot store, its jobs script and its manifest, in memory that does not grow with the sweep.
 *
 * <p>Threads: renderers plan and render the experiments (jsonnet, TOML, manifest row, jobs line), the
 * calling thread takes them in jobs order, writes the manifest row and jobs line, and hands each
 * experiment to a few writer threads ({@link ExperimentWriters}). Each experiment is checked against what is on disk and written
 * whole (a temporary directory renamed into place) or skipped when identical; the manifest and jobs
 * script go to temporary files renamed into place at the end. A lock file keeps other sweeps out of the
 * output directory meanwhile.
 *
 * <p>Failures: a template that does not load or fit, or a lock held elsewhere, stop the sweep before
 * anything is written. A point that fails to render, an experiment directory in the way, or a write
 * that fails (disk full, read-only) stop it with an error naming the experiment, and the experiments
 * this run wrote are removed again (which ones is kept in memory, so a full disk does not stop it), so
 * the output directory is as it was; the jobs script and the manifest are replaced together or not at
 * all ({@link Replacements}). A killed run leaves only whole experiments, which the next run keeps.
 */
public final class SweepMaterializer {
  /**
   * What a sweep wrote.
   *
   * @param experiments how many experiments the sweep has
   * @param written how many experiment directories were written
   * @param skipped how many were already there, identical
   * @param replaced how many were there with other content and replaced ({@code force})
   * @param jobsScript the jobs script's path
   * @param manifest the manifest's path
   */
  public record Result(long experiments, long written, long skipped, long replaced, Path jobsScript,
      Path manifest) {}

  /**
   * How to write.
   *
   * @param slurm whether the jobs script submits with {@code sbatch}
   * @param force replace experiment directories with other content, and accept a manifest of another schema
   * @param waitForLock wait for another sweep's lock on the output directory rather than fail
   * @param threads how many threads render (each loads the template once)
   * @param writers how many threads write experiment directories (1: the calling thread, which in any
   *     case takes the rendered experiments in order and writes the manifest and the jobs script; 0: by
   *     the output's file system, see {@link #DEFAULT_WRITERS})
   * @param provenance recorded in every new experiment's TOML (experiments already there keep theirs), or null
   * @param inUse which experiments are running or queued now (as far as more than their claim tells), which
   *     {@code force} does not replace
   */
  public record Options(boolean slurm, boolean force, boolean waitForLock, int threads, int writers,
      Provenance provenance, ExperimentStore.InUse inUse) {
    /**
     * Writers chosen by the output directory's file system: 0 stands for 1 on a memory file system
     * (tmpfs: writing is all CPU, and a second writer only competes with rendering), 2 elsewhere (a disk
     * waits on its journal, and the waits overlap). {@code -Dhyper.writers=N} sets it.
     */
    public static final int DEFAULT_WRITERS = Integer.getInteger("hyper.writers", 0);

    /**
     * Rendering threads per core at most: rendering is CPU work, so more only add memory (each thread
     * holds a template and a queue of rendered experiments).
     */
    public static final int THREADS_PER_CORE = 4;

    /** The most rendering threads a sweep may have on this machine ({@link #THREADS_PER_CORE} per core). */
    public static int maxThreads() {
      return THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    public Options {
      if (threads < 1 || threads > maxThreads()) {
        throw new IllegalArgumentException("threads must be 1 to " + maxThreads() + ", was " + threads);
      }
      if (writers < 0) {
        throw new IllegalArgumentException("writers must be >= 0 (0: by file system), was " + writers);
      }
    }

    public Options(boolean slurm, boolean force, boolean waitForLock, int threads, int writers,
        Provenance provenance) {
      this(slurm, force, waitForLock, threads, writers, provenance, ExperimentStore.InUse.CLAIM_ONLY);
    }

    public Options withInUse(ExperimentStore.InUse v) {
      return new Options(slurm, force, waitForLock, threads, writers, provenance, v);
    }

    public Options(boolean slurm, boolean force, boolean waitForLock, int threads, Provenance provenance) {
      this(slurm, force, waitForLock, threads, DEFAULT_WRITERS, provenance);
    }

    /** Defaults: no SLURM, no force, no waiting, one rendering thread per core, {@link #DEFAULT_WRITERS} writers. */
    public static Options defaults() {
      return new Options(false, false, false, Runtime.getRuntime().availableProcessors(), null);
    }

    public Options withSlurm(boolean v) {
      return new Options(v, force, waitForLock, threads, writers, provenance, inUse);
    }

    public Options withForce(boolean v) {
      return new Options(slurm, v, waitForLock, threads, writers, provenance, inUse);
    }

    public Options withWaitForLock(boolean v) {
      return new Options(slurm, force, v, threads, writers, provenance, inUse);
    }

    public Options withProvenance(Provenance v) {
      return new Options(slurm, force, waitForLock, threads, writers, v, inUse);
    }

    public Options withWriters(int v) {
      return new Options(slurm, force, waitForLock, threads, v, provenance, inUse);
    }

    public Options withThreads(int v) {
      return new Options(slurm, force, waitForLock, v, writers, provenance, inUse);
    }
  }

  /** Experiments rendered per chunk, and at most in the queues at once (per worker). */
  private static final int CHUNK = 64;
  private static final int QUEUE = 1024;

  /** {@code -Dhyper.trace=true} prints where a sweep's time goes to stderr (for benchmarks). */
  private static final boolean TRACE = Boolean.getBoolean("hyper.trace");
  private static final long T0 = System.nanoTime();

  private static void trace(String what) {
    if (TRACE) {
      long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      System.err.printf("hyper.trace %6d ms since JVM start: %s%n", jvm, what);
    }
  }

  private final SweepPlanner planner;

  public SweepMaterializer() {
    this(new SweepPlanner());
  }

  public SweepMaterializer(SweepPlanner planner) {
    this.planner = planner;
  }

  /** {@link #materialize(SweepSpec, Callable, Path, Program, Options)} with a template already loaded, no force, no wait. */
  public <P extends Record> Result materialize(SweepSpec<P> spec, JsonnetTemplate template, Path root, Path jar,
      boolean slurm) throws HyperException, IOException {
    return materialize(spec, () -> template, root, jar, Options.defaults().withSlurm(slurm).withThreads(1));
  }

  /** {@link #materialize(SweepSpec, Callable, Path, Program, Options)} of the program {@code jar} starts. */
  public <P extends Record> Result materialize(SweepSpec<P> spec, Callable<JsonnetTemplate> template, Path root,
      Path jar, Options options) throws HyperException, IOException {
    return materialize(spec, template, root, Program.ofJar(jar), options);
  }

  /**
   * Writes sweep {@code spec} under {@code root}.
   *
   * @param template gives the sweep's template (or null if it has none); called on the rendering thread,
   *     so that loading it overlaps with hashing the jar
   * @param program the code to snapshot: every experiment runs it
   * @throws HyperException for problems of the user's input or of the output directory, naming the
   *     experiment when one is concerned; the experiments this run wrote are removed again
   * @throws IOException if a write fails in a way not tied to one experiment
   */
  public <P extends Record> Result materialize(SweepSpec<P> spec, Callable<JsonnetTemplate> template, Path root,
      Program program, Options options) throws HyperException, IOException {
    trace("sweep starts");
    Path out = root.toAbsolutePath().normalize();
    Iterator<PlannedExperiment<P>> plan = planner.stream(spec, out, null);   // checks name, size, axes
    long total = spec.grid().size() * spec.trials();
    CompletableFuture<Snapshot> snapshot = new CompletableFuture<>();
    Renderer<P> renderer = new Renderer<>(spec, template, snapshot, out, options, total);
    renderer.start();
    try {
      ProgramSnapshot code;
      try {
        code = ProgramSnapshot.of(program);
        snapshot.complete(code.snapshot().withJvmArgs(spec.jvmArgs()));
      } catch (HyperException | IOException | RuntimeException e) {
        snapshot.completeExceptionally(e);
        throw e;
      }
      trace("class path hashed");
      Item first = renderer.take();                   // the template loaded, fits, and renders point 0
      trace("first experiment rendered");
      first.rethrow();
      return write(spec, out, code, snapshot.join(), options, total, first, renderer);
    } finally {
      renderer.stop();
    }
  }

  private <P extends Record> Result write(SweepSpec<P> spec, Path out, ProgramSnapshot code, Snapshot snapshot,
      Options options, long total, Item first, Renderer<P> renderer) throws HyperException, IOException {
    List<Path> created = new ArrayList<>();             // what this run made, to undo if it fails
    try {
      mkdirs(out, created);
    } catch (IOException e) {
      throw new HyperException("cannot create output directory " + out + ": " + reason(e), e);
    }
    SweepManifest manifest = new SweepManifest(spec, Templates.sourceSha256(spec));
    Path manifestPath = out.resolve(spec.name() + "-manifest.tsv");
    Path scriptPath = out.resolve(Layout.jobsScript(spec.name()));
    Path manifestTemp = out.resolve("." + manifestPath.getFileName() + ".tmp");
    Path scriptTemp = out.resolve("." + scriptPath.getFileName() + ".tmp");
    SweepLock lock;
    try {
      lock = SweepLock.acquire(out, options.waitForLock());
    } catch (IOException e) {
      undo(created);
      throw new HyperException("cannot write to output directory " + out + ": " + reason(e), e);
    } catch (HyperException e) {
      undo(created);
      throw e;
    }
    boolean ok = false;
    try (lock) {
      checkSchema(spec, manifestPath, manifest, options.force());
      ExperimentStore store;
      try {
        mkdirs(out.resolve(Layout.sweepConfigDir(spec.name())), created);
        mkdirs(out.resolve("model").resolve("generated").resolve(spec.name()), created);
        SnapshotStore snapshots = new SnapshotStore(out);
        code.storeIn(snapshots, created);
        store = new ExperimentStore(out, snapshots, snapshot, options.force(), options.inUse());
      } catch (IOException e) {
        throw new HyperException("sweep '" + spec.name() + "': cannot write under " + out + ": " + reason(e), e);
      }
      WrittenExperiments written = new WrittenExperiments();
      java.util.concurrent.atomic.LongAdder skipped = new java.util.concurrent.atomic.LongAdder();
      java.util.concurrent.atomic.LongAdder replaced = new java.util.concurrent.atomic.LongAdder();
      Item item = first;
      ExperimentWriters writers = new ExperimentWriters(writersFor(out, options.writers()), QUEUE);
      try {
        try (Writer rows = Files.newBufferedWriter(manifestTemp, StandardCharsets.UTF_8);
             Writer lines = Files.newBufferedWriter(scriptTemp, StandardCharsets.UTF_8)) {
          rows.write(manifest.header(total, snapshot,
              options.provenance() == null ? List.of() : options.provenance().overrides()));
          lines.write(JobsScript.header(spec.name(), total, options.slurm(),
              snapshot.java() == null ? null : snapshot.java().home()));
          for (; item != Item.END; item = renderer.take()) {
            item.rethrow();
            Item e = item;
            writers.submit(() -> {
              ExperimentInfo info = e.planned.info();
              long number = e.planned.index() * spec.trials() + info.trial();
              try {
                switch (store.write(info, e.json, e.toml)) {
                  case WRITTEN -> written.add(number);
                  case SKIPPED -> skipped.increment();
                  case REPLACED -> replaced.increment();
                }
              } catch (ExperimentStore.Conflict c) {
                throw conflict(spec, e.planned, c);
              } catch (ExperimentStore.Busy b) {
                throw new HyperException("sweep '" + spec.name() + "', " + e.planned.describe() + ": --force does not"
                    + " replace experiment " + info.id() + "/" + info.trial() + " while it " + b.getMessage()
                    + "; wait for it to end or stop it, then sweep again");
              } catch (IOException x) {
                written.failed(number);
                throw new HyperException("sweep '" + spec.name() + "', " + e.planned.describe() + ": cannot write "
                    + out.resolve(info.confDir()) + ": " + reason(x), x);
              }
            });
            rows.write(item.row);
            lines.write(item.line);
          }
          writers.finish();
          trace("all experiments written");
        }
        if (Files.getFileStore(scriptTemp).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(scriptTemp, AtomicFiles.EXECUTABLE);
        }
        try {       // the manifest last: it is what other commands read the sweep from
          Replacements.replaceAll(List.of(new Replacements.Replacement(scriptTemp, scriptPath),
              new Replacements.Replacement(manifestTemp, manifestPath)));
        } catch (IOException x) {
          throw new HyperException("sweep '" + spec.name() + "': cannot replace " + IoProblems.describe(x) + "; "
              + scriptPath.getFileName() + " and " + manifestPath.getFileName() + " are as they were", x);
        }
      } catch (HyperException | IOException | RuntimeException | Error e) {
        writers.stop();                                  // nothing writes while the run is rolled back
        String undone = rollBack(spec, out, written);
        created.addAll(store.replicasMade());          // unlinked once the experiments are gone
        Files.deleteIfExists(manifestTemp);
        Files.deleteIfExists(scriptTemp);
        if (e instanceof HyperException h) {
          throw new HyperException(h.getMessage() + undone, h.getCause());
        }
        if (e instanceof IOException io) {
          throw new HyperException("sweep '" + spec.name() + "': cannot write under " + out + ": " + reason(io)
              + undone, io);
        }
        throw e;
      }
      trace("manifest and jobs script in place");
      ok = true;
      return new Result(total, written.count(), skipped.sum(), replaced.sum(), scriptPath, manifestPath);
    } finally {
      if (!ok) {
        undo(created);
      }
    }
  }

  /** {@code writers}, or if it is 0 the default for the file system of {@code out} (see {@link Options#DEFAULT_WRITERS}). */
  static int writersFor(Path out, int writers) {
    if (writers > 0) {
      return writers;
    }
    try {
      String type = Files.getFileStore(out).type();
      return type.equals("tmpfs") || type.equals("ramfs") ? 1 : 2;
    } catch (IOException | RuntimeException e) {
      return 2;
    }
  }

  /** Like {@link Files#createDirectories}, adding each directory it makes to {@code created}, outermost first. */
  private static void mkdirs(Path dir, List<Path> created) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      mkdirs(parent, created);
    }
    Files.createDirectory(dir);
    created.add(dir);
  }

  /**
   * Removes what a failed run made besides experiments (those are rolled back by {@link WrittenExperiments}): the
   * snapshot it stored and the directories it made, if empty; the lock file too if it made the output
   * directory. Best effort.
   */
  private static void undo(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path p = created.get(i);
      try {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (java.util.stream.Stream<Path> left = Files.list(p)) {
            List<Path> files = left.toList();
            if (files.size() == 1 && files.get(0).getFileName().toString().equals(SweepLock.FILE)) {
              Files.delete(files.get(0));                // the output directory this run made
            }
          }
        }
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // not empty, or not ours any more: leave it
      }
    }
  }

  /** Refuses to write over a manifest of another schema (record, template or trials changed), unless forced. */
  private static void checkSchema(SweepSpec<?> spec, Path manifestPath, SweepManifest manifest, boolean force)
      throws HyperException, IOException {
    if (force || !Files.isRegularFile(manifestPath)) {
      return;
    }
    List<String> header = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(manifestPath, StandardCharsets.UTF_8)) {
      for (String line; header.size() < 32 && (line = in.readLine()) != null && line.startsWith("#"); ) {
        header.add(line);
      }
    }
    String old = SweepManifest.schemaOf(header);
    if (old != null && !old.equals(manifest.schema())) {
      throw new HyperException("sweep '" + spec.name() + "': " + manifestPath + " was written by another version of"
          + " the sweep (schema " + old + ": " + SweepManifest.schemaTextOf(header) + "); now schema "
          + manifest.schema() + ": " + manifest.schemaText() + ". Write to another --out directory, or pass --force"
          + " to replace its experiments");
    }
  }

  private <P extends Record> HyperException conflict(SweepSpec<P> spec, PlannedExperiment<?> e,
      ExperimentStore.Conflict c) {
    String collision = collision(spec, e, c.dir());
    return new HyperException("sweep '" + spec.name() + "', " + e.describe() + ": experiment directory " + c.dir()
        + " already exists with other content (" + c.difference() + ")" + collision
        + "; remove it, write the sweep to another --out directory, or pass --force to replace it");
  }

  /** If the directory in the way holds another point of this sweep with the same id, says so. */
  private static <P extends Record> String collision(SweepSpec<P> spec, PlannedExperiment<?> e, Path dir) {
    try {
      Path toml = dir.resolve(e.info().confPath().getFileName());
      P other = dev.hyper.runtime.ExperimentConfig.load(toml, spec).params();
      long index = spec.grid().indexOf(other);
      if (!other.equals(e.params()) && index >= 0) {
        return "; it holds point " + index + " " + other + ", whose id is the same (a hash collision)";
      }
    } catch (IOException | RuntimeException x) {
      // not a readable experiment of this sweep: the plain message says enough
    }
    return "";
  }

  /** Removes the experiments this run wrote; returns a note for the error message. */
  private String rollBack(SweepSpec<?> spec, Path out, WrittenExperiments written) {
    long n = written.count();
    try {
      written.removeAll(planner, spec, out);
    } catch (HyperException | IOException | RuntimeException x) {
      return " (removing the " + n + " experiments this run wrote failed after " + written.removed() + ": "
          + reason(x) + "; they are whole, and the next run keeps them)";
    }
    return n == 0 ? "" : n == 1 ? " (the 1 experiment this run wrote was removed again)"
        : " (the " + n + " experiments this run wrote were removed again)";
  }

  /** The cause of an I/O error in words: {@code No space left on device}, {@code Read-only file system}. */
  static String reason(Exception e) {
    return IoProblems.reason(e);
  }

  /** One rendered experiment, the end of the sweep, or the failure that stopped rendering. */
  private static final class Item {
    static final Item END = new Item(null, null, null, null, null, null);

    final PlannedExperiment<?> planned;
    final byte[] json;
    final byte[] toml;
    final String row;
    final String line;
    final Throwable failure;

    Item(PlannedExperiment<?> planned, byte[] json, byte[] toml, String row, String line, Throwable failure) {
      this.planned = planned;
      this.json = json;
      this.toml = toml;
      this.row = row;
      this.line = line;
      this.failure = failure;
    }

    static Item failed(Throwable t) {
      return new Item(null, null, null, null, null, t);
    }

    void rethrow() throws HyperException, IOException {
      ExperimentWriters.rethrow(failure);
    }
  }

  /**
   * Plans and renders the sweep on worker threads, each with its own template (a template is not
   * thread-safe): worker {@code k} of {@code n} renders chunks {@code k, k + n, ...} of {@link #CHUNK}
   * experiments into its own bounded queue, and {@link #take} hands the items out in jobs order.
   */
  private final class Renderer<P extends Record> {
    private final SweepSpec<P> spec;
    private final Callable<JsonnetTemplate> template;
    private final CompletableFuture<Snapshot> snapshot;
    private final Path out;
    private final boolean slurm;
    private final Provenance provenance;
    private final long total;
    private final List<BlockingQueue<List<Item>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch firstTemplate = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean stopped;
    private long chunk;
    private Iterator<Item> current = java.util.Collections.emptyIterator();

    Renderer(SweepSpec<P> spec, Callable<JsonnetTemplate> template, CompletableFuture<Snapshot> snapshot, Path out,
        Options options, long total) {
      this.spec = spec;
      this.template = template;
      this.snapshot = snapshot;
      this.out = out;
      this.slurm = options.slurm();
      this.provenance = options.provenance();
      this.total = total;
      int workers = options.threads();
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
        } finally {
          firstTemplate.countDown();
        }
        trace("template loaded (worker " + worker + ")");
        Snapshot jar = snapshot.get();
        for (long c = worker; c * CHUNK < total && !stopped; c += queues.size()) {
          for (Iterator<PlannedExperiment<P>> it = planner.stream(spec, out, jar, c * CHUNK, (c + 1) * CHUNK);
              it.hasNext(); ) {
            PlannedExperiment<P> e = it.next();
            if (provenance != null) {
              e = new PlannedExperiment<>(e.index(), e.params(), e.tlas(), e.info().withProvenance(provenance));
            }
            items.add(new Item(e, renderer.jsonUtf8(e), e.config().toToml(spec).getBytes(StandardCharsets.UTF_8),
                SweepManifest.row(e), JobsScript.line(spec.name(), e.info(), slurm), null));
          }
          put(queue, items);
          items = new ArrayList<>(CHUNK);
        }
        trace("all experiments rendered (worker " + worker + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        items.add(Item.failed(t instanceof ExecutionException ? t.getCause() : t));
        put(queue, items);
      }
    }

    private void put(BlockingQueue<List<Item>> queue, List<Item> items) {
      try {
        while (!stopped && !queue.offer(items, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
  }
}
