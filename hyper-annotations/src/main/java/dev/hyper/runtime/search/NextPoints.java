package dev.hyper.runtime.search;

import dev.hyper.Goal;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.results.Ranking;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep SWEEP --next N}: the next points of a model-based search, proposed by a {@link Tpe} from the
 * experiments a sweep directory's manifest lists. Every listed experiment is an observation: a DONE one with
 * its metric from {@code metrics.json}, the others as taken points without a value. Deterministic: the same
 * directory contents and seed give the same points.
 */
public final class NextPoints {
  private NextPoints() {}

  /**
   * What to append.
   *
   * @param points the proposals, at most the number asked for (fewer when the space has no more untaken points)
   * @param finished how many experiments had the metric
   * @param observed how many experiments were listed
   * @param seed the seed of the draws: the sweep's seed plus the number of listed experiments, so that each
   *     wave draws anew
   */
  public record Proposal<P>(List<P> points, int finished, int observed, long seed, Ranking ranking) {
    /** One line for the manifest and the terminal: {@code next 8: TPE over 12 finished of 16, ...}. */
    public String describe(int asked) {
      return "next " + asked + ": TPE over " + finished + " finished of " + observed + " experiments, "
          + ranking.metric() + " " + (ranking.goal() == Goal.MIN ? "min" : "max") + ", seed " + seed;
    }
  }

  /**
   * The next {@code n} points of {@code spec}'s space for the experiments under {@code root}.
   *
   * @throws HyperException if the metric's goal is not known (neither declared nor given), or a listed
   *     experiment's TOML cannot be read
   */
  public static <P extends Record> Proposal<P> propose(SweepSpec<P> spec, Path root, Ranking ranking, int n)
      throws IOException, HyperException {
    return propose(spec, spec, root, ranking, n);
  }

  /**
   * {@link #propose(SweepSpec, Path, Ranking, int)}, the directory's experiments listed by {@code declared}, the
   * program's sweep before its sweep files and {@code --set}, which draws the rows a lazy sweep's manifest does not
   * list.
   */
  public static <P extends Record> Proposal<P> propose(SweepSpec<P> spec, SweepSpec<?> declared, Path root,
      Ranking ranking, int n) throws IOException, HyperException {
    if (ranking.goal() != Goal.MIN && ranking.goal() != Goal.MAX) {
      throw new HyperException("sweep '" + spec.name() + "': --next needs to know whether larger or smaller "
          + ranking.metric() + " is better: declare @Sweep(goal = MIN or MAX), or pass --goal min|max");
    }
    List<Observation<P>> observations = new ArrayList<>();
    int[] finished = {0};
    SweepTasks.forEach(root, declared, t -> {
      Path toml = root.resolve(t.confPath());
      if (!Files.isRegularFile(toml)) {
        return;                                        // its point is gone with its TOML
      }
      P point;
      try {
        point = ExperimentConfig.load(toml, spec).params();
      } catch (ConfigException e) {
        throw new HyperException("sweep '" + spec.name() + "', --next: " + e.getMessage());
      }
      double metric = metric(t, ranking.metric());
      if (!Double.isNaN(metric)) {
        finished[0]++;
      }
      observations.add(new Observation<>(point, metric));
    });
    long seed = spec.grid().strategy().seed() + observations.size();
    List<P> points = new Tpe<>(spec.grid()).propose(observations, ranking.goal(), seed, n);
    return new Proposal<>(points, finished[0], observations.size(), seed, ranking);
  }

  /** A DONE experiment's metric, or NaN (not done, no such number). */
  private static double metric(Task t, String metric) {
    Path dir = t.root().resolve(t.serializationDir());
    if (Markers.status(dir) != ExperimentStatus.DONE) {
      return Double.NaN;
    }
    try {
      Object v = JsonConfig.read(dir.resolve(ExperimentRun.METRICS_FILE)).get(metric);
      return v instanceof Number num && Double.isFinite(num.doubleValue()) ? num.doubleValue() : Double.NaN;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
