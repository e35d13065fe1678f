package dev.hyper.runtime.plan;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Plans a sweep: every grid point times every trial, in index order with trials innermost, each with
 * its id, seed and paths. Pure: reads and writes no files.
 */
public final class SweepPlanner {
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
   * Plans every experiment of {@code spec}, all in memory; {@link #stream} plans them one at a time.
   *
   * @param root the absolute output directory the paths are relative to
   * @param snapshot the jar the experiments will run, or null when not known (a dry run)
   * @throws HyperException if the sweep's name is not allowed, the sweep is too large, an axis lists a
   *     value twice, or two points get the same id
   */
  public <P extends Record> List<PlannedExperiment<P>> plan(SweepSpec<P> spec, Path root,
      ExperimentInfo.Snapshot snapshot) throws HyperException {
    Map<String, Long> seen = new HashMap<>();
    List<PlannedExperiment<P>> out = new ArrayList<>();
    for (Iterator<PlannedExperiment<P>> it = stream(spec, root, snapshot); it.hasNext(); ) {
      PlannedExperiment<P> e = it.next();
      checkUnique(spec, seen, e);
      out.add(e);
    }
    return out;
  }

  /**
   * Plans the experiments of {@code spec} lazily, in jobs order (point index, then trial), holding one
   * point at a time: memory does not grow with the sweep. Two points with the same id (a hash collision)
   * are not detected here; the store finds them as an experiment directory with other content.
   *
   * @throws HyperException if the sweep's name is not allowed, the sweep is too large, or an axis lists
   *     a value twice
   */
  public <P extends Record> Iterator<PlannedExperiment<P>> stream(SweepSpec<P> spec, Path root,
      ExperimentInfo.Snapshot snapshot) throws HyperException {
    return stream(spec, root, snapshot, 0, Long.MAX_VALUE);
  }

  /**
   * Like {@link #stream(SweepSpec, Path, ExperimentInfo.Snapshot)}, but only experiments {@code from}
   * (inclusive) to {@code to} (exclusive) in jobs order, where experiment {@code n} is trial
   * {@code n % trials} of point {@code n / trials}; for rendering a sweep in chunks on several threads.
   */
  public <P extends Record> Iterator<PlannedExperiment<P>> stream(SweepSpec<P> spec, Path root,
      ExperimentInfo.Snapshot snapshot, long from, long to) throws HyperException {
    checkName(spec.name());
    checkAxes(spec);
    long size = spec.grid().size();
    int trials = spec.trials();
    if (size > MAX_EXPERIMENTS / trials) {
      throw new HyperException("sweep '" + spec.name() + "' has " + size + " points x " + trials
          + " trials; more than " + MAX_EXPERIMENTS + " experiments is refused");
    }
    long end = Math.min(to, size * trials);
    return new Iterator<>() {
      private long next = from;
      private long index = -1;
      private P params;
      private List<Tla> tlas;
      private String id;

      @Override
      public boolean hasNext() {
        return next < end;
      }

      @Override
      public PlannedExperiment<P> next() {
        if (next >= end) {
          throw new NoSuchElementException();
        }
        long point = next / trials;
        int trial = (int) (next % trials);
        if (point != index) {
          index = point;
          params = spec.grid().get(point);
          tlas = Tla.of(spec, params);
          id = ids.apply(spec.name(), tlas);
        }
        next++;
        return new PlannedExperiment<>(point, params, tlas, info(spec, root, snapshot, id, trial));
      }
    };
  }

  /** The experiment of trial {@code trial} of the point with id {@code id}. */
  private static ExperimentInfo info(SweepSpec<?> spec, Path root, ExperimentInfo.Snapshot snapshot, String id,
      int trial) {
    String name = spec.name();
    Path confDir = Layout.confDir(name, id, trial);
    return new ExperimentInfo(name, id, trial, spec.trials(), Ids.seed(id, trial), confDir,
        confDir.resolve(id + ".toml"), confDir.resolve(id + ".json"), Layout.serializationDir(name, id, trial),
        root, spec.slurm(), snapshot);
  }

  private static <P extends Record> void checkUnique(SweepSpec<P> spec, Map<String, Long> seen,
      PlannedExperiment<P> e) throws HyperException {
    if (e.info().trial() != 0) {
      return;
    }
    Long previous = seen.putIfAbsent(e.info().id(), e.index());
    if (previous != null) {
      throw collision(spec, e.info().id(), previous, e.index(), e.params());
    }
  }

  /**
   * An axis that lists a value twice makes two points the same experiment: refused up front. A group is
   * one axis ({@link dev.hyper.runtime.Grid#axes()}): its tuples must differ.
   */
  private static <P extends Record> void checkAxes(SweepSpec<P> spec) throws HyperException {
    for (List<Param<P>> axis : spec.grid().axes()) {
      if (axis.size() == 1) {
        Param<P> p = axis.get(0);
        Set<Object> values = new HashSet<>();
        for (Object v : p.values()) {
          if (!values.add(v)) {
            throw new HyperException("sweep '" + spec.name() + "': axis '" + p.component() + "' lists the value "
                + new Tla(p.tla(), v, p.kind()).code() + " twice, so two points would be the same experiment");
          }
        }
        continue;
      }
      Set<List<Object>> tuples = new HashSet<>();
      for (int k = 0; k < axis.get(0).values().size(); k++) {
        List<Object> tuple = new ArrayList<>();
        for (Param<P> p : axis) {
          tuple.add(p.values().get(k));
        }
        if (!tuples.add(tuple)) {
          throw new HyperException("sweep '" + spec.name() + "': the paired parameters " + axis.stream()
              .map(Param::component).toList() + " list the values " + tuple + " twice, so two points would be the"
              + " same experiment");
        }
      }
    }
  }

  /** Checks that {@code name} may name a sweep's directories and jobs ({@link SweepNames}). */
  public static void checkName(String name) throws HyperException {
    if (!SweepNames.isValid(name)) {
      throw new HyperException("sweep name '" + name + "' is not allowed: use " + SweepNames.RULE);
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
