package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.Values;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.ManifestRow;
import dev.hyper.runtime.plan.Ids;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.render.JobsScript;
import dev.hyper.runtime.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The experiments of a lazy sweep ({@code sweep --lazy}, {@code @Sweep(lazy = true)}). The sweep lists them
 * in the manifest, the jobs script and the task list (or, into a new directory, draws them from a plan in the
 * manifest's header, {@code DrawnRows}), and writes none of them: each invocation that adds
 * experiments has one directory ({@link Layout#lazyDir}) holding the model.jar its tasks run (a hard link into
 * the snapshot store, at an experiment's depth, so a launcher jar's class path resolves from it) and the TOML
 * of its first new experiment ({@link Layout#PROTOTYPE_FILE}). A task whose experiment is not there yet makes
 * it ({@link #make}) from that TOML and the experiment's manifest row exactly as the sweep would have (the same
 * TOML and JSON bytes, the same hard link; {@link ExperimentStore}, so whole or absent), then runs it like any
 * other.
 */
public final class LazyExperiment {
  private LazyExperiment() {}

  /**
   * Writes lazy invocation directory {@code lazyDir} (relative to {@code out}) with experiment {@code e}'s TOML as
   * its prototype, {@code provenance} (if not null) recorded in it; see {@link #writeDir(Path, Path, String, Path,
   * List)}.
   */
  static <P extends Record> void writeDir(SweepSpec<P> spec, Path out, Path lazyDir, PlannedExperiment<?> e,
      dev.hyper.runtime.Provenance provenance, Path storedJar, List<Path> created) throws IOException {
    ExperimentInfo info = provenance == null ? e.info() : e.info().withProvenance(provenance);
    @SuppressWarnings("unchecked")
    PlannedExperiment<P> p = (PlannedExperiment<P>) e;
    writeDir(out, lazyDir, new PlannedExperiment<>(p.index(), p.params(), p.tlas(), info).config().toToml(spec),
        storedJar, created);
  }

  /**
   * Writes lazy invocation directory {@code lazyDir} (relative to {@code out}): {@code prototypeToml} and a
   * link to {@code storedJar}, made under a temporary name and renamed into place; what it made is added to
   * {@code created}, innermost last, for the sweep to undo.
   */
  static void writeDir(Path out, Path lazyDir, String prototypeToml, Path storedJar, List<Path> created)
      throws IOException {
    Path dir = out.resolve(lazyDir);
    Path parent = dir.getParent();
    if (!Files.isDirectory(parent)) {
      Files.createDirectories(parent);
      created.add(parent);
    }
    Path temp = parent.resolve("." + dir.getFileName() + ".tmp");
    AtomicFiles.deleteTree(temp);                       // left by a killed sweep
    AtomicFiles.deleteTree(dir);                        // the same: no manifest names an invocation not recorded
    Files.createDirectory(temp);
    try {
      Files.writeString(temp.resolve(Layout.PROTOTYPE_FILE), prototypeToml, StandardCharsets.UTF_8);
      SnapshotStore.link(storedJar, temp.resolve(Layout.SNAPSHOT_FILE));
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(temp);
      throw e;
    }
    created.add(dir);
    created.add(dir.resolve(Layout.PROTOTYPE_FILE));
    created.add(dir.resolve(Layout.SNAPSHOT_FILE));
  }

  /**
   * Makes experiment {@code id} trial {@code trial} of the output directory {@code root}, whose TOML is not
   * there, if its sweep's {@code manifest} lists it as a row of a lazy invocation; the caller holds the
   * experiment's claim. Returns false, making nothing, if the manifest does not list it so.
   *
   * @param template the sweep's template as this program has it (the invocation's snapshot runs), or null
   * @param rowHint the experiment's manifest row if its task line says it ({@code run --row}), else -1: the row is
   *     then found by reading the manifest up to it (as it is when the hint names another experiment)
   * @throws HyperException if the row or the invocation's prototype is not what its sweep wrote, naming the file
   */
  public static <P extends Record> boolean make(ManifestFile manifest, Path root, String id, int trial,
      SweepSpec<P> spec, JsonnetTemplate template, long rowHint) throws HyperException, IOException {
    if (!manifest.anyLazy()) {
      return false;
    }
    Optional<ManifestRow> found = manifest.rowAt(rowHint).filter(r -> r.id().equals(id) && r.trial() == trial);
    if (found.isEmpty()) {
      found = manifest.find(id, trial);
    }
    if (found.isEmpty() || found.get().lazyDir() == null) {
      return false;
    }
    ManifestRow row = found.get();
    String where = manifest.path() + " row " + row.row();
    Path prototypeFile = root.resolve(row.lazyDir()).resolve(Layout.PROTOTYPE_FILE);
    ExperimentInfo prototype = prototype(root, row.lazyDir(), spec, "cannot make experiment " + id + "/" + trial
        + " (" + where + ")");
    Optional<HalvingSettings> halving = ExperimentConfig.halving(prototypeFile);
    SweepSpec<P> swept = halving.isPresent() ? spec.withHalving(halving.get()) : spec;
    P params = params(spec, row, where);
    List<Tla> tlas = Tla.of(spec, params);
    String expected = Ids.experimentId(spec.name(), tlas);
    if (!expected.equals(id)) {
      throw new HyperException(where + ": its params give experiment id " + expected + ", not " + id
          + "; was the manifest edited?");
    }
    ExperimentInfo info = info(prototype, root, spec, id, trial);
    PlannedExperiment<P> planned = new PlannedExperiment<>(row.row(), params, tlas, info);
    byte[] json = ExperimentRenderer.of(swept, template).jsonUtf8(planned);
    byte[] tomlBytes = planned.config().toToml(swept).getBytes(StandardCharsets.UTF_8);
    ExperimentStore store = new ExperimentStore(root, new SnapshotStore(root), prototype.snapshot(), false);
    try {
      store.write(info, json, tomlBytes);
    } catch (ExperimentStore.Conflict c) {
      throw new HyperException("cannot make experiment " + id + "/" + trial + " (" + where + "): " + c.dir()
          + " is there with other content (" + c.difference() + ")");
    } catch (ExperimentStore.Busy b) {
      throw new IllegalStateException("a store that does not force never finds an experiment busy", b);
    }
    return true;
  }

  /**
   * The prototype of lazy invocation directory {@code lazyDir} (relative to {@code root}): the TOML of its first
   * experiment, which the others share but for their params, id, trial and seed.
   *
   * @param what says what needs it, to start the message if it is gone
   */
  static ExperimentInfo prototype(Path root, Path lazyDir, SweepSpec<?> spec, String what)
      throws HyperException, IOException {
    Path prototypeFile = root.resolve(lazyDir).resolve(Layout.PROTOTYPE_FILE);
    if (!Files.isRegularFile(prototypeFile)) {
      throw new HyperException(what + ": " + prototypeFile + " is gone");
    }
    return ExperimentConfig.loadElsewhere(prototypeFile, root, spec).experiment();
  }

  /** Experiment {@code id} trial {@code trial} of the invocation whose first experiment is {@code prototype}. */
  static ExperimentInfo info(ExperimentInfo prototype, Path root, SweepSpec<?> spec, String id, int trial) {
    return new ExperimentInfo(spec.name(), id, trial, prototype.nTrials(), Ids.seed(id, trial),
        Layout.confDir(spec.name(), id, trial), Layout.confPath(spec.name(), id, trial),
        Layout.configJson(spec.name(), id, trial), Layout.serializationDir(spec.name(), id, trial), root,
        prototype.slurm(), prototype.snapshot(), prototype.provenance());
  }

  /** A lazy row's lines in the jobs script and the SLURM task list. */
  record Lines(String jobs, String task) {}

  /**
   * The lines of experiment {@code info}, manifest row {@code row} of the lazy invocation in {@code lazyDir}: its
   * task makes it from there ({@code run CONF_PATH --row K} of the invocation's model.jar).
   *
   * @param slurm whether the jobs script submits with {@code sbatch}
   */
  static Lines lines(ExperimentInfo info, Path lazyDir, long row, boolean slurm) throws HyperException {
    LaunchCommand run = LaunchCommand.of(info).withJarDir(lazyDir).withRow(row);
    return new Lines(JobsScript.line(info.sweep(), info, slurm, run), run.taskLine(info.serializationDir()));
  }

  /** The params of manifest row {@code row}. */
  private static <P extends Record> P params(SweepSpec<P> spec, ManifestRow row, String where)
      throws HyperException {
    List<Param<P>> params = spec.grid().params();
    if (row.codes().size() != params.size()) {
      throw new HyperException(where + ": " + row.codes().size() + " parameters, but sweep '" + spec.name()
          + "' has " + params.size());
    }
    List<Object> values = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      try {
        values.add(Tla.fromCode(params.get(i), row.codes().get(i)).value());
      } catch (IllegalArgumentException e) {
        throw new HyperException(where + ": '" + row.codes().get(i) + "' is not a value of " + params.get(i).tla());
      }
    }
    return spec.grid().create(new Values(values));
  }
}
