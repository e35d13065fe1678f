package dev.hyper.runtime.results;

import dev.hyper.runtime.ConfigException;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.ExperimentRun;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sweep found: one {@link Row} per experiment (every grid point x trial of the sweep as the jar
 * declares it, plus any other experiment of the sweep found on disk), its status and one metric from its
 * {@code metrics.json}, with the mean and spread over each point's trials.
 *
 * @param sweep the sweep's name
 * @param ranking the metric (its key in {@code metrics.json}, a dotted path), which way it is better and why
 * @param params the sweep's parameters (jsonnet names), in component order
 * @param axisValues each parameter's values in axis order, as text
 * @param rows every experiment, best first; experiments without the metric last, by status (FAILED, RUNNING,
 *     PENDING, MISSING), then in grid order
 * @param warnings problems with single experiments that did not stop the report
 */
public record SweepResults(String sweep, Ranking ranking, List<String> params,
    Map<String, List<String>> axisValues, List<Row> rows, List<String> warnings) {

  /** How the table marks a row whose {@code metrics.json} changed after its run ({@link Row#metricsChanged}). */
  public static final String CHANGED_MARK = "(metrics.json changed)";

  /** How an experiment stands: a marker status, or {@link #MISSING} when its directory does not exist. */
  public enum Status { DONE, FAILED, INTERRUPTED, STOPPED, RUNNING, PENDING, MISSING }

  /**
   * One experiment.
   *
   * @param index the grid point's index, or -1 if the point is not in the sweep as declared
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
      for (Tla t : tlas) {
        if (t.name().equals(name)) {
          return t.text();
        }
      }
      return "";
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

  /** The best experiment (first row), if any has the metric. */
  public Row best() {
    return rows.isEmpty() || rows.get(0).metric() == null ? null : rows.get(0);
  }

  /** The point whose mean over trials is best (the first of its rows), if any has the metric. */
  public Row bestPoint() {
    Row best = null;
    for (Row r : rows) {
      if (r.point().mean() != null && (best == null || better(r.point().mean(), best.point().mean()))) {
        best = r;
      }
    }
    return best;
  }

  /** How many experiments have each status, in {@link Status} order, zero counts left out. */
  public Map<Status, Integer> counts() {
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      int n = (int) rows.stream().filter(r -> r.status() == s).count();
      if (n > 0) {
        counts.put(s, n);
      }
    }
    return counts;
  }

  /**
   * For each parameter, for each of its values: the metric's mean, spread and count over every experiment
   * with that value (the marginal effect of the parameter).
   */
  public Map<String, Map<String, PointStats>> marginals() {
    Map<String, Map<String, PointStats>> out = new LinkedHashMap<>();
    for (String p : params) {
      Map<String, PointStats> byValue = new LinkedHashMap<>();
      for (String v : axisValues.get(p)) {
        List<Double> values = new ArrayList<>();
        int total = 0;
        for (Row r : rows) {
          if (r.param(p).equals(v)) {
            total++;
            if (r.metric() != null) {
              values.add(r.metric());
            }
          }
        }
        byValue.put(v, stats(total, values));
      }
      out.put(p, byValue);
    }
    return out;
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
   * Collects the results of sweep {@code spec} under output directory {@code root}.
   *
   * @throws HyperException if the sweep has no experiments under {@code root}, or experiments are DONE but
   *     none has the metric (naming the keys their metrics.json has)
   */
  public static <P extends Record> SweepResults collect(SweepSpec<P> spec, Path root, Ranking ranking)
      throws HyperException, IOException {
    String metric = ranking.metric();
    boolean lowerIsBetter = ranking.lowerIsBetter();
    List<String> warnings = new ArrayList<>();
    // Memory: one compact draft per experiment (no paths kept: 100,000 ExperimentInfos and their paths
    // were most of a 128 MB heap); directories follow from the layout when they are read.
    Map<String, Path> offGrid = new LinkedHashMap<>();
    Set<String> onDisk = new HashSet<>();
    for (Path toml : ExperimentFiles.ofSweep(root, spec.name())) {
      String key = toml.getParent().getParent().getFileName() + "/" + toml.getParent().getFileName();
      onDisk.add(key);
      offGrid.put(key, toml);
    }
    if (onDisk.isEmpty()) {
      throw new HyperException("sweep '" + spec.name() + "' has no experiments under " + root
          + " (run sweep first, or pass --out)");
    }
    List<Draft> drafts = new ArrayList<>();
    for (java.util.Iterator<PlannedExperiment<P>> it = new SweepPlanner().stream(spec, root, null); it.hasNext(); ) {
      PlannedExperiment<P> e = it.next();
      String key = e.info().id() + "/" + e.info().trial();
      offGrid.remove(key);
      drafts.add(new Draft(e.index(), e.info().id(), e.info().trial(), e.tlas(), onDisk.contains(key)));
    }
    onDisk = null;
    for (Path toml : offGrid.values()) {
      try {
        ExperimentConfig<P> c = ExperimentConfig.load(toml, spec);
        drafts.add(new Draft(spec.grid().indexOf(c.params()), c.experiment().id(), c.experiment().trial(),
            Tla.of(spec, c.params()), true));
        warnings.add(toml + ": not an experiment of sweep '" + spec.name() + "' as this jar declares it");
      } catch (ConfigException e) {
        warnings.add(e.getMessage() + " (left out)");
      }
    }

    Set<String> keysSeen = new TreeSet<>();
    Set<String> numericKeys = new TreeSet<>();
    String notANumber = null;
    boolean anyDone = false;
    boolean anyMetric = false;
    List<Row> rows = new ArrayList<>();
    Map<String, List<Double>> byPoint = new LinkedHashMap<>();
    Map<String, Integer> trialsByPoint = new LinkedHashMap<>();
    List<Object[]> partial = new ArrayList<>();
    for (Draft d : drafts) {
      Path dir = root.resolve(Layout.serializationDir(spec.name(), d.id, d.trial));
      Status status = d.exists ? Status.valueOf(Markers.status(dir).name()) : Status.MISSING;
      Double value = null;
      boolean changed = false;
      if (status == Status.DONE) {
        anyDone = true;
        Path metrics = dir.resolve(ExperimentRun.METRICS_FILE);
        for (String problem : ExperimentChecks.metrics(dir)) {
          changed = true;
          warnings.add(d.id + " trial " + d.trial + ": " + problem + "; its row is marked "
              + CHANGED_MARK);
        }
        if (!Files.isRegularFile(metrics)) {
          warnings.add(metrics + ": missing, though the experiment is DONE");
        } else {
          try {
            JsonConfig json = JsonConfig.read(metrics);
            keysSeen.addAll(json.keys());
            for (String k : json.keys()) {
              if (json.get(k) instanceof Number) {
                numericKeys.add(k);
              }
            }
            if (json.has(metric)) {
              Object v = json.get(metric);
              if (v instanceof Number n) {
                value = n.doubleValue();
                anyMetric = true;
              } else {
                warnings.add(metrics + ": '" + metric + "' is not a number: " + v);
                if (notANumber == null) {
                  notANumber = metrics + " has " + describe(v);
                }
              }
            }
          } catch (IOException | RuntimeException e) {
            warnings.add(metrics + ": " + e.getMessage());
          }
        }
      }
      String point = d.id;
      byPoint.computeIfAbsent(point, k -> new ArrayList<>());
      trialsByPoint.merge(point, 1, Integer::sum);
      if (value != null) {
        byPoint.get(point).add(value);
      }
      partial.add(new Object[] {d, status, value, changed});
    }
    if (anyDone && !anyMetric && notANumber != null) {
      throw new HyperException("results: '" + metric + "' is no number in any metrics.json of sweep '" + spec.name()
          + "' (" + notANumber + "); rank by a number: " + (numericKeys.isEmpty() ? "none of their keys is one"
          : String.join(", ", numericKeys) + " (choose one with --metric)"));
    }
    if (anyDone && !anyMetric) {
      throw new HyperException("no metrics.json of sweep '" + spec.name() + "' has '" + metric + "'; their keys: "
          + String.join(", ", keysSeen) + " (choose one with --metric)");
    }
    for (Object[] p : partial) {
      Draft d = (Draft) p[0];
      String point = d.id;
      rows.add(new Row(d.index, d.id, d.trial, d.tlas, (Status) p[1], (Double) p[2],
          stats(trialsByPoint.get(point), byPoint.get(point)), (Boolean) p[3]));
    }
    Comparator<Row> byGrid = Comparator.comparingLong((Row r) -> r.index() < 0 ? Long.MAX_VALUE : r.index())
        .thenComparing(Row::id).thenComparingInt(Row::trial);
    Comparator<Row> byMetric = Comparator.comparing(Row::metric, lowerIsBetter ? Comparator.naturalOrder()
        : Comparator.<Double>reverseOrder());
    rows.sort(Comparator.comparing((Row r) -> r.metric() == null).thenComparing((a, b) -> a.metric() == null
        ? 0 : byMetric.compare(a, b)).thenComparing(Row::status).thenComparing(byGrid));

    List<String> params = new ArrayList<>();
    Map<String, List<String>> axisValues = new LinkedHashMap<>();
    for (Param<P> p : spec.grid().params()) {
      params.add(p.tla());
      Set<String> values = new LinkedHashSet<>();
      for (Object v : p.values()) {
        values.add(new Tla(p.tla(), v, p.kind()).text());
      }
      for (Row r : rows) {
        values.add(r.param(p.tla()));                    // values of experiments off the declared grid
      }
      axisValues.put(p.tla(), List.copyOf(values));
    }
    return new SweepResults(spec.name(), ranking, params, axisValues, rows, warnings);
  }

  /** A JSON value that is not a number, for a message: {@code a string, "abc"}. */
  private static String describe(Object v) {
    String kind = v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : v == null ? "null"
        : v instanceof List ? "an array" : v instanceof Map ? "an object" : "a " + v.getClass().getSimpleName();
    String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    return v == null ? kind : kind + ", " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private record Draft(long index, String id, int trial, List<Tla> tlas, boolean exists) {}

  static PointStats stats(int trials, List<Double> values) {
    int n = values.size();
    if (n == 0) {
      return new PointStats(trials, 0, null, null, null, null);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / n;
    Double std = null;
    if (n > 1) {
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      std = Math.sqrt(ss / (n - 1));
    }
    return new PointStats(trials, n, mean, std, min, max);
  }
}
