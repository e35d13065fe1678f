package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.ExperimentInfo.Snapshot;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.io.Trace;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.DrawnRows;
import dev.hyper.runtime.manifest.ExperimentKeys;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepManifest;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.snapshot.ProgramSnapshot;
import dev.hyper.runtime.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a sweep under an output directory, streaming, in memory that does not grow with the sweep: the
 * experiments the directory's manifest does not list yet, the sweep's snapshot store, and the manifest, jobs
 * script and task list with the new experiments appended ({@link SweepListings}). The experiments it lists
 * already are kept as they are, unless {@code force} replaces those with other content.
 *
 * <p>Each job has its own class: the output directory, its lock and the undo of what a failed run made
 * ({@link OutputDirectory}); the manifest's schema check ({@link ManifestSchema}); planning and rendering
 * on worker threads, handed out in jobs order ({@link RenderPipeline}); one experiment's directory, whole or
 * absent ({@link ExperimentStore}), written by a few threads ({@link ExperimentWriters}); the listings.
 *
 * <p>Failures: a template that does not load or fit, or a lock held elsewhere, stop the sweep before
 * anything is written. A point that fails to render, an experiment directory in the way, or a write
 * that fails (disk full, read-only) stop it with an error naming the experiment, and the experiments
 * this run wrote are removed again (which ones is kept in memory, so a full disk does not stop it), so
 * the output directory is as it was; the listings are replaced together or not at all ({@link
 * Replacements}). A killed run leaves only whole experiments, which the next run keeps.
 */
public final class SweepMaterializer {
  /**
   * What a sweep wrote.
   *
   * @param experiments how many experiments this sweep planned
   * @param written how many experiment directories were written
   * @param skipped how many were already there: listed in the manifest and kept as they are, or identical
   * @param replaced how many were there with other content and replaced ({@code force})
   * @param listed how many experiments the manifest lists now (the old ones and the new)
   * @param added how many rows this sweep appended to the manifest
   * @param otherProgram whether experiments listed before were kept although they run another program than
   *     this sweep's new ones
   * @param jobsScript the jobs script's path
   * @param manifest the manifest's path
   * @param lazyDir for a lazy sweep that added experiments, the directory their tasks make them from; else null
   */
  public record Result(long experiments, long written, long skipped, long replaced, long listed, long added,
      boolean otherProgram, Path jobsScript, Path manifest, Path lazyDir) {}

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
   * @param lazy write no experiment directories: list the new experiments, and let each task make its own
   *     ({@link LazyExperiment}) from one prototype per invocation ({@link Layout#lazyDir})
   * @param declared the sweep as the program declares it, before sweep files and {@code --set}: a lazy sweep into
   *     a new directory draws its rows from a plan ({@link DrawnRows}) where the program's readers, which know
   *     this spec, draw the same rows; null to list them
   */
  public record Options(boolean slurm, boolean force, boolean waitForLock, int threads, int writers,
      Provenance provenance, ExperimentStore.InUse inUse, boolean lazy, SweepSpec<?> declared) {
    /**
     * Writers chosen by the output directory's file system and the cost of rendering: 0 stands for 1 on a
     * memory file system where each render evaluates the template (tmpfs: writing is all CPU, and a second
     * writer only competes with rendering), 2 where renders are spliced ({@link
     * dev.hyper.runtime.render.ExperimentRenderer#spliced}: then writing is most of the work, and two writers
     * share it) and elsewhere (a disk waits on its journal, and the waits overlap). {@code -Dhyper.writers=N}
     * sets it.
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
      this(slurm, force, waitForLock, threads, writers, provenance, ExperimentStore.InUse.CLAIM_ONLY, false, null);
    }

    public Options withDeclared(SweepSpec<?> v) {
      return new Options(slurm, force, waitForLock, threads, writers, provenance, inUse, lazy, v);
    }

    public Options withInUse(ExperimentStore.InUse v) {
      return new Options(slurm, force, waitForLock, threads, writers, provenance, v, lazy, declared);
    }

    public Options withLazy(boolean v) {
      return new Options(slurm, force, waitForLock, threads, writers, provenance, inUse, v, declared);
    }

    public Options(boolean slurm, boolean force, boolean waitForLock, int threads, Provenance provenance) {
      this(slurm, force, waitForLock, threads, DEFAULT_WRITERS, provenance);
    }

    /** Defaults: no SLURM, no force, no waiting, one rendering thread per core, {@link #DEFAULT_WRITERS} writers. */
    public static Options defaults() {
      return new Options(false, false, false, Runtime.getRuntime().availableProcessors(), null);
    }

    public Options withSlurm(boolean v) {
      return new Options(v, force, waitForLock, threads, writers, provenance, inUse, lazy, declared);
    }

    public Options withForce(boolean v) {
      return new Options(slurm, v, waitForLock, threads, writers, provenance, inUse, lazy, declared);
    }

    public Options withWaitForLock(boolean v) {
      return new Options(slurm, force, v, threads, writers, provenance, inUse, lazy, declared);
    }

    public Options withProvenance(Provenance v) {
      return new Options(slurm, force, waitForLock, threads, writers, v, inUse, lazy, declared);
    }

    public Options withWriters(int v) {
      return new Options(slurm, force, waitForLock, threads, v, provenance, inUse, lazy, declared);
    }

    public Options withThreads(int v) {
      return new Options(slurm, force, waitForLock, v, writers, provenance, inUse, lazy, declared);
    }
  }

  static void trace(String what) {
    Trace.print(what);
  }

  private final SweepPlanner planner;
  /** Run on the calling thread for each experiment taken care of (handed to a writer, kept, listed): progress. */
  private final Runnable step;

  public SweepMaterializer() {
    this(new SweepPlanner());
  }

  public SweepMaterializer(SweepPlanner planner) {
    this(planner, () -> {});
  }

  /** A materializer that runs {@code step} for each experiment it has taken care of, for a progress line. */
  public SweepMaterializer(Runnable step) {
    this(new SweepPlanner(), step);
  }

  private SweepMaterializer(SweepPlanner planner, Runnable step) {
    this.planner = planner;
    this.step = step;
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
   * Writes sweep {@code spec} under {@code root}: the experiments its manifest does not list yet, appended
   * to the manifest, the jobs script and the task list; the experiments it lists stay as they are (with
   * {@code force}, those with other content are replaced).
   *
   * @param template gives the sweep's template (or null if it has none); called on the rendering thread,
   *     so that loading it overlaps with hashing the jar
   * @param program the code to snapshot: every new experiment runs it
   * @throws HyperException for problems of the user's input or of the output directory, naming the
   *     experiment when one is concerned; the experiments this run wrote are removed again
   * @throws IOException if a write fails in a way not tied to one experiment
   */
  public <P extends Record> Result materialize(SweepSpec<P> spec, Callable<JsonnetTemplate> template, Path root,
      Program program, Options options) throws HyperException, IOException {
    trace("sweep starts");
    Path out = root.toAbsolutePath().normalize();
    planner.stream(spec, out, null);                   // checks name, size, axes
    CompletableFuture<Snapshot> snapshot = new CompletableFuture<>();
    Listed listed = new Listed();
    RenderPipeline<P> renderer = new RenderPipeline<>(spec, planner, template, snapshot, out, options.slurm(),
        options.provenance(), e -> options.lazy() && (e.index() > 0 || e.info().trial() > 0)
            || listed.keep(out, e, options.force()), options.threads());
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
      RenderPipeline.Item first = renderer.take();     // the template loaded, fits, and renders point 0
      trace("first experiment rendered");
      first.rethrow();
      try (OutputDirectory dir = OutputDirectory.open(out, options.waitForLock())) {
        Result r = write(spec, dir, code, snapshot.join(), options, first, renderer, listed);
        dir.commit();
        return r;
      }
    } finally {
      renderer.stop();
    }
  }

  /**
   * The experiments the manifest lists, once it is read (until then, none): the renderers skip those that
   * are kept as they are.
   */
  private static final class Listed {
    private volatile ExperimentKeys keys;

    boolean keep(Path out, PlannedExperiment<?> e, boolean force) {
      ExperimentKeys k = keys;
      return !force && k != null && k.row(e.info().id(), e.info().trial()) >= 0 && RenderPipeline.onDisk(out, e);
    }
  }

  private <P extends Record> Result write(SweepSpec<P> spec, OutputDirectory dir, ProgramSnapshot code,
      Snapshot snapshot, Options options, RenderPipeline.Item first, RenderPipeline<P> renderer, Listed listed)
      throws HyperException, IOException {
    Path out = dir.path();
    long total = spec.grid().size() * spec.trials();
    SweepManifest manifest = new SweepManifest(spec, Templates.sourceSha256(spec));
    ManifestFile old = ManifestSchema.check(spec, options.declared() != null ? options.declared() : spec, out,
        manifest, options.force());
    ExperimentKeys keys = new ExperimentKeys();
    String oldSnapshot = old == null ? null : lastSnapshot(old);
    Path lazyDir = options.lazy() ? Layout.lazyDir(spec.name(), old == null ? 1 : old.invocations() + 1) : null;
    if (old != null) {
      old.forEachRow(r -> keys.put(r.id(), r.trial(), r.row()));
    }
    listed.keys = keys;
    ExperimentStore store;
    try {
      dir.mkdirs(out.resolve(Layout.sweepConfigDir(spec.name())));
      dir.mkdirs(out.resolve("model").resolve("generated").resolve(spec.name()));
      SnapshotStore snapshots = new SnapshotStore(out);
      code.storeIn(snapshots, dir.created());
      store = new ExperimentStore(out, snapshots, snapshot, options.force(), options.inUse());
    } catch (IOException e) {
      throw new HyperException("sweep '" + spec.name() + "': cannot write under " + out + ": " + reason(e), e);
    }
    WrittenExperiments written = new WrittenExperiments();
    LongAdder skipped = new LongAdder();
    LongAdder replaced = new LongAdder();
    long kept = 0;
    DrawnRows.Plan plan = lazyDir != null && old == null && !options.slurm() && options.declared() != null && DRAW
        ? DrawnRows.plan(spec, declaredAs(spec, options.declared())).orElse(null) : null;
    if (plan != null) {                                // no experiment, no row: the prototype and the plan
      trace("rows drawn from the plan");
      try (SweepListings listings = new SweepListings(out, spec, manifest, null, 0, false, snapshot,
          options.provenance(), total, lazyDir, plan, LaunchCommand.of(first.planned.info()).withJarDir(lazyDir))) {
        LazyExperiment.writeDir(spec, out, lazyDir, first.planned, options.provenance(), store.storedSnapshot(),
            dir.created());
        listings.commit();
      }
      return new Result(total, 0, 0, 0, total, total, false, out.resolve(Layout.jobsScript(spec.name())),
          out.resolve(Layout.manifest(spec.name())), lazyDir);
    }
    ExperimentWriters writers = new ExperimentWriters(writersFor(out, options.writers(), renderer.spliced()),
        RenderPipeline.QUEUE);
    try (SweepListings listings = new SweepListings(out, spec, manifest, old, keys.size(), options.slurm(),
        snapshot, options.provenance(), total, lazyDir)) {
      try {
        for (RenderPipeline.Item item = first; item != RenderPipeline.Item.END; item = renderer.take()) {
          item.rethrow();
          step.run();
          ExperimentInfo info = item.planned.info();
          long row = keys.row(info.id(), info.trial());
          if (row >= 0 && (item.kept() || lazyDir != null
              || !options.force() && RenderPipeline.onDisk(out, item.planned))) {
            kept++;                                      // listed, and stays as it is (a lazy sweep makes none)
            continue;
          }
          if (lazyDir != null) {                         // listed for its task to make
            if (listings.added() == 0) {                 // the prototype: this experiment's TOML
              LazyExperiment.writeDir(spec, out, lazyDir, item.planned, options.provenance(), store.storedSnapshot(),
                  dir.created());
            }
            LazyExperiment.Lines lines = LazyExperiment.lines(info, lazyDir, keys.size() + listings.added(),
                options.slurm());
            listings.add(item.planned, lines.jobs(), lines.task());
            continue;
          }
          RenderPipeline.Item e = item;
          long number = e.planned.index() * spec.trials() + info.trial();
          writers.submit(() -> {
            try {
              switch (store.write(info, e.json, e.toml)) {
                case WRITTEN -> {
                  written.add(number);
                  if (row >= 0) {                        // listed, and made by a lazy sweep's task until now
                    listings.replace(row, e.jobsLine, e.taskLine);
                  }
                }
                case SKIPPED -> skipped.increment();
                case REPLACED -> {
                  replaced.increment();
                  if (row >= 0) {
                    listings.replace(row, e.jobsLine, e.taskLine);
                  }
                }
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
          if (row < 0) {
            listings.add(e.planned, e.jobsLine, e.taskLine);
          }
        }
        writers.finish();
        trace("all experiments written");
        listings.commit();
      } catch (HyperException | IOException | RuntimeException | Error e) {
        writers.stop();                                  // nothing writes while the run is rolled back
        String undone = rollBack(spec, out, written);
        dir.created().addAll(store.replicasMade());      // unlinked once the experiments are gone
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
      boolean otherProgram = oldSnapshot != null && kept > 0 && !oldSnapshot.equals(snapshot.sha256());
      return new Result(total, written.count(), skipped.sum() + kept, replaced.sum(), keys.size() + listings.added(),
          listings.added(), otherProgram, out.resolve(Layout.jobsScript(spec.name())),
          out.resolve(Layout.manifest(spec.name())), lazyDir != null && listings.added() > 0 ? lazyDir : null);
    }
  }

  /**
   * Whether a lazy sweep into a new directory draws its rows from a plan ({@link DrawnRows}) where it can: on unless
   * {@code -Dhyper.draw=false}, which lists every row.
   */
  static final boolean DRAW = !"false".equals(System.getProperty("hyper.draw"));

  /** {@code declared} as a spec of the sweep's record type: the same sweep, before its overrides. */
  @SuppressWarnings("unchecked")
  private static <P extends Record> SweepSpec<P> declaredAs(SweepSpec<P> spec, SweepSpec<?> declared) {
    if (!declared.type().equals(spec.type()) || !declared.name().equals(spec.name())) {
      throw new IllegalArgumentException("declared " + declared + " is not sweep " + spec);
    }
    return (SweepSpec<P>) declared;
  }

  /** The SHA-256 of the snapshot the manifest's latest invocation recorded, or null. */
  private static String lastSnapshot(ManifestFile old) {
    String sha = null;
    for (String line : old.invocationLines()) {
      int at = line.indexOf(" sha256:");
      if (line.startsWith("# snapshot: ") && at > 0) {
        sha = line.substring(at + " sha256:".length()).strip();
      }
    }
    return sha;
  }

  /**
   * {@code writers}, or if it is 0 the default for the file system of {@code out} and the cost of rendering
   * (see {@link Options#DEFAULT_WRITERS}).
   */
  static int writersFor(Path out, int writers, boolean splicedRenders) {
    if (writers > 0) {
      return writers;
    }
    try {
      String type = Files.getFileStore(out).type();
      return !splicedRenders && (type.equals("tmpfs") || type.equals("ramfs")) ? 1 : 2;
    } catch (IOException | RuntimeException e) {
      return 2;
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
}
