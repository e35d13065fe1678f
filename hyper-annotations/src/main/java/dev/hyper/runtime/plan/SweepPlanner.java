package dev.hyper.runtime.plan;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Ids;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Plans a sweep: every grid point times every trial, in index order with trials innermost, each with
 * its id, seed and paths. Pure: reads and writes no files.
 */
public final class SweepPlanner {
  /** Sweep names name directories and jobs, so they are restricted to these. */
  public static final Pattern SWEEP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  /** Planning more experiments than this is refused: the directories alone would overwhelm a file system. */
  public static final long MAX_EXPERIMENTS = 10_000_000L;

  private final BiFunction<String, List<Tla>, String> ids;

  /** A planner using {@link Ids#experimentId(String, List)}. */
  public SweepPlanner() {
    this(Ids::experimentId);
  }

  SweepPlanner(BiFunction<String, List<Tla>, String> ids) {
    this.ids = ids;
  }

  /**
   * Plans every experiment of {@code spec}.
   *
   * @param root the absolute output directory the paths are relative to
   * @param snapshot the jar the experiments will run, or null when not known (a dry run)
   * @throws HyperException if the sweep's name is not allowed, the sweep is too large, or two points
   *     get the same id
   */
  public <P extends Record> List<PlannedExperiment<P>> plan(SweepSpec<P> spec, Path root,
      ExperimentInfo.Snapshot snapshot) throws HyperException {
    checkName(spec.name());
    long size = spec.grid().size();
    if (size > MAX_EXPERIMENTS / spec.trials()) {
      throw new HyperException("sweep '" + spec.name() + "' has " + size + " points x " + spec.trials()
          + " trials; more than " + MAX_EXPERIMENTS + " experiments is refused");
    }
    Map<String, Long> seen = new HashMap<>();
    List<PlannedExperiment<P>> out = new ArrayList<>();
    for (long index = 0; index < size; index++) {
      P params = spec.grid().get(index);
      List<Tla> tlas = Tla.of(spec, params);
      String id = ids.apply(spec.name(), tlas);
      Long previous = seen.putIfAbsent(id, index);
      if (previous != null) {
        throw collision(spec, id, previous, index, params);
      }
      for (int trial = 0; trial < spec.trials(); trial++) {
        ExperimentInfo info = new ExperimentInfo(spec.name(), id, trial, spec.trials(), Ids.seed(id, trial),
            Layout.confDir(spec.name(), id, trial), Layout.confPath(spec.name(), id, trial),
            Layout.configJson(spec.name(), id, trial), Layout.serializationDir(spec.name(), id, trial),
            root, spec.slurm(), snapshot);
        out.add(new PlannedExperiment<>(index, params, tlas, info));
      }
    }
    return out;
  }

  /** Checks that {@code name} may name a sweep's directories and jobs. */
  public static void checkName(String name) throws HyperException {
    if (!SWEEP_NAME.matcher(name).matches()) {
      throw new HyperException("sweep name '" + name + "' is not allowed: use lower-case letters, digits, '_' and '-',"
          + " starting with a letter or digit");
    }
  }

  private static <P extends Record> HyperException collision(SweepSpec<P> spec, String id, long first, long second,
      P params) {
    P other = spec.grid().get(first);
    if (other.equals(params)) {
      return new HyperException("sweep '" + spec.name() + "': points " + first + " and " + second
          + " are the same point " + params + "; an axis lists a value twice");
    }
    return new HyperException("sweep '" + spec.name() + "': points " + first + " (" + other + ") and " + second
        + " (" + params + ") have the same id " + id);
  }
}
