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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a whole sweep under an output directory: every experiment's directory, the sweep's snapshot
 * store and its jobs script.
 *
 * <p>Two passes. First every experiment is planned, rendered and compared with what is on disk, writing
 * nothing: a template error, an id collision or a directory with other content stops the sweep before
 * any file is made. Then the snapshot is stored, each experiment directory is written whole (or skipped
 * when identical), and the jobs script is written last, atomically.
 */
public final class SweepMaterializer {
  /**
   * What a sweep wrote.
   *
   * @param experiments every experiment of the sweep, in jobs order
   * @param written how many experiment directories were written
   * @param skipped how many were already there, identical
   * @param jobsScript the jobs script's path
   */
  public record Result(List<ExperimentInfo> experiments, int written, int skipped, Path jobsScript) {}

  private final SweepPlanner planner;

  public SweepMaterializer() {
    this(new SweepPlanner());
  }

  public SweepMaterializer(SweepPlanner planner) {
    this.planner = planner;
  }

  /**
   * Writes sweep {@code spec} under {@code root}.
   *
   * @param template the sweep's template (parsed once), or null if it has none
   * @param jar the code to snapshot into every experiment
   * @param slurm whether the jobs script submits with {@code sbatch}
   * @throws HyperException for problems of the user's input, before anything is written
   * @throws IOException if writing fails (experiment directories already written stay whole)
   */
  public <P extends Record> Result materialize(SweepSpec<P> spec, JsonnetTemplate template, Path root, Path jar,
      boolean slurm) throws HyperException, IOException {
    return materialize(spec, template, root, jar, slurm, null);
  }

  /**
   * Writes sweep {@code spec} under {@code root}, recording {@code provenance} in every new experiment's
   * TOML (experiments already there keep theirs).
   */
  public <P extends Record> Result materialize(SweepSpec<P> spec, JsonnetTemplate template, Path root, Path jar,
      boolean slurm, Provenance provenance) throws HyperException, IOException {
    Path out = root.toAbsolutePath().normalize();
    Snapshot snapshot = SnapshotStore.describe(jar);
    List<PlannedExperiment<P>> plan = planner.plan(spec, out, snapshot);
    if (provenance != null) {
      plan = plan.stream().map(e -> new PlannedExperiment<>(e.index(), e.params(), e.tlas(),
          e.info().withProvenance(provenance))).toList();
    }
    ExperimentRenderer<P> renderer = ExperimentRenderer.of(spec, template);
    SnapshotStore store = new SnapshotStore(out, spec.name());
    Path stored = store.pathOf(snapshot);
    for (PlannedExperiment<P> e : plan) {                      // pass 1: check, write nothing
      ExperimentStore.existsIdentical(renderer.render(e), snapshot.sha256(), stored);
    }
    List<ExperimentInfo> infos = plan.stream().map(PlannedExperiment::info).toList();
    String script = JobsScript.render(spec.name(), infos, slurm);

    stored = store.put(jar, snapshot);                          // pass 2: write
    int written = 0;
    for (PlannedExperiment<P> e : plan) {
      if (ExperimentStore.write(renderer.render(e), stored) == ExperimentStore.Outcome.WRITTEN) {
        written++;
      }
    }
    Path scriptPath = out.resolve(Layout.jobsScript(spec.name()));
    Files.createDirectories(out);
    AtomicFiles.write(scriptPath, script.getBytes(StandardCharsets.UTF_8), AtomicFiles.EXECUTABLE);
    return new Result(infos, written, plan.size() - written, scriptPath);
  }
}
