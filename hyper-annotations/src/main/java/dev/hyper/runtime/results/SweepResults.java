package dev.hyper.runtime.results;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sweep found: one {@link Row} per experiment its directory's manifest lists (the one record of
 * which experiments a sweep directory holds; never the grid as the jar declares it), its status and one metric from its
 * {@code metrics.json}, with the mean and spread over each point's trials.
 *
 * <p>The rows are {@link RankedRows}: rows given in memory, or, from {@link #collect}, columns of a few bytes
 * per experiment that read a row's id, trial and params back from the manifest when it is printed, so that
 * the report's memory does not grow with the sweep's text; {@link #close} closes the manifest.
 *
 * @param sweep the sweep's name
 * @param ranking the metric (its key in {@code metrics.json}, a dotted path), which way it is better and why
 * @param params the sweep's parameters (jsonnet names), in component order
 * @param axisValues each parameter's values in axis order, as text (for a parameter with more values than
 *     {@link ParamColumns#MAX_VALUES}, the ranges its experiments are grouped by)
 * @param rows every experiment, best first; experiments without the metric last, by status (FAILED, RUNNING,
 *     PENDING, MISSING), then in manifest order
 * @param warnings problems with single experiments that did not stop the report
 */
public record SweepResults(String sweep, Ranking ranking, List<String> params,
    Map<String, List<String>> axisValues, List<Row> rows, List<String> warnings) implements Closeable {

  /** How the table marks a row whose {@code metrics.json} changed after its run ({@link Row#metricsChanged}). */
  public static final String CHANGED_MARK = "(metrics.json changed)";

  /** How many problems with single experiments a report lists. */
  static final int MAX_WARNINGS = 100;

  /** What {@link #collect} throws for a sweep with no experiments under its directory. */
  public static final class NoExperiments extends HyperException {
    NoExperiments(String sweep, Path root) {
      super("sweep '" + sweep + "' has no experiments under " + root);
    }
  }

  public SweepResults {
    params = List.copyOf(params);
    warnings = List.copyOf(warnings);
    rows = rows instanceof RankedRows ranked ? ranked : new ListRows(rows, params);
  }

  /** How an experiment stands: a marker status, or {@link #MISSING} when its TOML does not exist. */
  public enum Status { DONE, FAILED, INTERRUPTED, STOPPED, RUNNING, PENDING, MISSING }

  /**
   * One experiment.
   *
   * @param index its row in the manifest (its task number)
   * @param id the experiment's id
   * @param trial its trial
   * @param tlas its params
   * @param status its status
   * @param metric the metric, or null if it has none (not DONE, or no such key)
   * @param point the statistics of its point over its trials
   * @param metricsChanged its {@code metrics.json} is not the one its run left (the SHA-256 in DONE)
   */
  public record Row(long index, String id, int trial, List<Tla> tlas, Status status, Double metric, PointStats point,
      boolean metricsChanged) {
    /** The value of parameter {@code name}, as text. */
    public String param(String name) {
      return ParamColumns.text(tlas, name);
    }

    /** {@code lr=0.001 dropout=0.2 ...}. */
    public String describeParams() {
      return String.join(" ", tlas.stream().map(t -> t.name() + "=" + t.text()).toList());
    }
  }

  /**
   * A point's metric over its trials.
   *
   * @param trials how many trials the point has (rows)
   * @param n how many of them have the metric
   * @param mean their mean, or null if none
   * @param std their sample standard deviation, or null if fewer than two
   * @param min smallest, or null
   * @param max largest, or null
   */
  public record PointStats(int trials, int n, Double mean, Double std, Double min, Double max) {}

  /** The rows as the report reads them. */
  RankedRows ranked() {
    return (RankedRows) rows;
  }

  /** The best experiment (first row), if any has the metric. */
  public Row best() {
    return rows.isEmpty() || ranked().metricOrNull(0) == null ? null : rows.get(0);
  }

  /** The point whose mean over trials is best (the first of its rows), if any has the metric. */
  public Row bestPoint() {
    int k = ranked().bestPoint(lowerIsBetter());
    return k < 0 ? null : rows.get(k);
  }

  /** How many experiments have each status, in {@link Status} order, zero counts left out. */
  public Map<Status, Integer> counts() {
    return ranked().counts();
  }

  /**
   * For each parameter, for each of its values: the metric's mean, spread and count over every experiment
   * with that value (the marginal effect of the parameter).
   */
  public Map<String, Map<String, PointStats>> marginals() {
    return Marginals.of(this);
  }

  /** The metric's key in {@code metrics.json}. */
  public String metric() {
    return ranking.metric();
  }

  /** Whether smaller values of the metric are better. */
  public boolean lowerIsBetter() {
    return ranking.lowerIsBetter();
  }

  /** Whether {@code a} is a better value of the metric than {@code b}. */
  public boolean better(double a, double b) {
    return lowerIsBetter() ? a < b : a > b;
  }

  /**
   * Collects the results of sweep {@code spec} under output directory {@code root} ({@link ResultsReader});
   * close them when done.
   *
   * @throws HyperException if the sweep has no experiments under {@code root}, or experiments are DONE but
   *     none has the metric (naming the keys their metrics.json has)
   */
  public static <P extends Record> SweepResults collect(SweepSpec<P> spec, Path root, Ranking ranking)
      throws HyperException, IOException {
    return ResultsReader.collect(spec, root, ranking);
  }

  /** Closes the manifest the rows are read back from, if they are. */
  @Override
  public void close() throws IOException {
    if (rows instanceof Closeable c) {
      c.close();
    }
  }

  /** The statistics of {@code trials} experiments of which {@code values[0..n)} have the metric, in that order. */
  static PointStats stats(int trials, double[] values, int n) {
    if (n == 0) {
      return new PointStats(trials, 0, null, null, null, null);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / n;
    Double std = null;
    if (n > 1) {
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (values[i] - mean) * (values[i] - mean);
      }
      std = Math.sqrt(ss / (n - 1));
    }
    return new PointStats(trials, n, mean, std, min, max);
  }
}
