package dev.hyper.runtime.results;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.toml.ConfigException;
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
 * What a sweep found: one {@link Row} per experiment its directory's manifest lists (the one record of
 * which experiments a sweep directory holds; never the grid as the jar declares it), its status and one metric from its
 * {@code metrics.json}, with the mean and spread over each point's trials.
 *
 * @param sweep the sweep's name
 * @param ranking the metric (its key in {@code metrics.json}, a dotted path), which way it is better and why
 * @param params the sweep's parameters (jsonnet names), in component order
 * @param axisValues each parameter's values in axis order, as text
 * @param rows every experiment, best first; experiments without the metric last, by status (FAILED, RUNNING,
 *     PENDING, MISSING), then in manifest order
 * @param warnings problems with single experiments that did not stop the report
 */
public record SweepResults(String sweep, Ranking ranking, List<String> params,
    Map<String, List<String>> axisValues, List<Row> rows, List<String> warnings) {

  /** How the table marks a row whose {@code metrics.json} changed after its run ({@link Row#metricsChanged}). */
  public static final String CHANGED_MARK = "(metrics.json changed)";

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
    List<Draft> drafts = drafts(spec, root, warnings);
    if (drafts.isEmpty()) {
      throw new HyperException("sweep '" + spec.name() + "' has no experiments under " + root
          + " (run sweep first, or pass --out)");
    }
    Set<String> keysSeen = new TreeSet<>();
    Set<String> numericKeys = new TreeSet<>();
    String notANumber = null;
    boolean anyDone = false;
    boolean anyMetric = false;
    // Memory: one compact draft per experiment, then one row; a point's trials share its params, id and stats
    int n = drafts.size();
    byte[] statuses = new byte[n];
    double[] metricValues = new double[n];
    java.util.BitSet changedRows = new java.util.BitSet();
    Map<String, PointAcc> byPoint = new java.util.HashMap<>();
    Warnings warned = new Warnings(warnings);
    ManifestFile lazyRows = ManifestFile.read(root, spec.name()).filter(ManifestFile::anyLazy).orElse(null);
    for (int i = 0; i < n; i++) {
      Draft d = drafts.get(i);
      Path dir = root.resolve(Layout.serializationDir(spec.name(), d.id, d.trial));
      Status status = Files.isRegularFile(root.resolve(Layout.confPath(spec.name(), d.id, d.trial)))
          ? Status.valueOf(Markers.status(dir).name())
          : lazyRows != null && lazyRows.lazyDir(d.index) != null ? Status.PENDING : Status.MISSING;
      Double value = null;
      if (status == Status.DONE) {
        anyDone = true;
        Path metrics = dir.resolve(ExperimentRun.METRICS_FILE);
        for (String problem : ExperimentChecks.metrics(dir)) {
          changedRows.set(i);
          warned.add(d.id + " trial " + d.trial + ": " + problem + "; its row is marked " + CHANGED_MARK);
        }
        if (!Files.isRegularFile(metrics)) {
          warned.add(metrics + ": missing, though the experiment is DONE");
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
              if (v instanceof Number num) {
                value = num.doubleValue();
                anyMetric = true;
              } else {
                warned.add(metrics + ": '" + metric + "' is not a number: " + v);
                if (notANumber == null) {
                  notANumber = metrics + " has " + describe(v);
                }
              }
            }
          } catch (IOException | RuntimeException e) {
            warned.add(metrics + ": " + e.getMessage());
          }
        }
      }
      statuses[i] = (byte) status.ordinal();
      metricValues[i] = value == null ? Double.NaN : value;
      byPoint.computeIfAbsent(d.id, k -> new PointAcc()).add(value);
    }
    warned.finish();
    if (anyDone && !anyMetric && notANumber != null) {
      throw new HyperException("results: '" + metric + "' is no number in any metrics.json of sweep '" + spec.name()
          + "' (" + notANumber + "); rank by a number: " + (numericKeys.isEmpty() ? "none of their keys is one"
          : String.join(", ", numericKeys) + " (choose one with --metric)"));
    }
    if (anyDone && !anyMetric) {
      throw new HyperException("no metrics.json of sweep '" + spec.name() + "' has '" + metric + "'; their keys: "
          + String.join(", ", keysSeen) + " (choose one with --metric)");
    }
    Map<String, PointStats> stats = new java.util.HashMap<>();
    byPoint.forEach((id, acc) -> stats.put(id, acc.stats()));
    byPoint = null;
    List<Row> rows = new ArrayList<>(n);
    Status[] all = Status.values();
    for (int i = 0; i < n; i++) {
      Draft d = drafts.set(i, null);
      rows.add(new Row(d.index, d.id, d.trial, d.tlas, all[statuses[i]],
          Double.isNaN(metricValues[i]) ? null : metricValues[i],
          stats.get(d.id), changedRows.get(i)));
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
      Set<String> present = new HashSet<>();
      for (Row r : rows) {
        present.add(r.param(p.tla()));
      }
      Set<String> values = new LinkedHashSet<>();
      for (Object v : p.values()) {                      // the declared values the sweep has, in axis order
        String text = new Tla(p.tla(), v, p.kind()).text();
        if (present.contains(text)) {
          values.add(text);
        }
      }
      for (Row r : rows) {
        values.add(r.param(p.tla()));                    // then the others (sampled, or from a sweep file)
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

  private record Draft(long index, String id, int trial, List<Tla> tlas) {}

  /**
   * One draft per experiment the manifest lists ({@link ManifestFile}), in its order, with the params its row
   * holds (one list per point, shared by its trials); without a manifest, the experiments on disk; with a
   * version 1 manifest, its rows and then the experiments on disk it does not list.
   */
  private static <P extends Record> List<Draft> drafts(SweepSpec<P> spec, Path root, List<String> warnings)
      throws IOException, HyperException {
    List<Draft> drafts = new ArrayList<>();
    ManifestFile manifest = ManifestFile.read(root, spec.name()).orElse(null);
    Set<String> listed = new HashSet<>();
    if (manifest != null) {
      List<Param<P>> params = spec.grid().params();
      boolean typed = manifest.params().equals(params.stream().map(Param::tla).toList());
      if (!typed) {
        warnings.add(manifest.path() + ": its columns " + manifest.params() + " are not this jar's parameters "
            + params.stream().map(Param::tla).toList() + "; its values are shown as written");
      }
      List<String> names = manifest.params();
      List<Map<String, Tla>> interned = new ArrayList<>();
      names.forEach(x -> interned.add(new java.util.HashMap<>()));
      List<Tla>[] last = new List[1];
      String[] lastId = new String[1];
      manifest.forEachRow(r -> {
        boolean same = r.id().equals(lastId[0]);       // a point's trials share its params and id
        List<Tla> tlas = same ? last[0] : tlas(params, names, r.codes(), typed, interned);
        last[0] = tlas;
        lastId[0] = same ? lastId[0] : r.id();
        drafts.add(new Draft(r.row(), lastId[0], r.trial(), tlas));
        if (manifest.version() == 1) {
          listed.add(r.key());
        }
      });
      if (manifest.version() == 2) {
        return drafts;
      }
    }
    for (Path toml : ExperimentFiles.ofSweep(root, spec.name())) {
      String key = toml.getParent().getParent().getFileName() + "/" + toml.getParent().getFileName();
      if (!listed.add(key)) {
        continue;
      }
      try {
        ExperimentConfig<P> c = ExperimentConfig.load(toml, spec);
        drafts.add(new Draft(drafts.size(), c.experiment().id(), c.experiment().trial(), Tla.of(spec, c.params())));
        if (manifest != null) {
          warnings.add(toml + ": not listed in " + manifest.path().getFileName());
        }
      } catch (ConfigException e) {
        warnings.add(e.getMessage() + " (left out)");
      }
    }
    return drafts;
  }

  /** Values of a parameter shared between rows, up to this many per parameter (a grid has a few). */
  private static final int INTERNED = 4096;

  /**
   * A row's params: typed by the sweep's parameters where the columns are theirs, else as written; each
   * value one object for every row that has it, while a parameter has at most {@link #INTERNED} of them.
   */
  private static <P extends Record> List<Tla> tlas(List<Param<P>> params, List<String> names, List<String> codes,
      boolean typed, List<Map<String, Tla>> interned) {
    List<Tla> out = new ArrayList<>(codes.size());
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      Tla t = interned.get(i).get(code);
      if (t != null) {
        out.add(t);
        continue;
      }
      if (typed) {
        try {
          t = Tla.fromCode(params.get(i), code);
        } catch (IllegalArgumentException e) {
          t = null;
        }
      }
      if (t == null) {
        String text = code;
        try {
          text = code.startsWith("\"") ? dev.hyper.runtime.jsonnet.JsonnetLiterals.unquote(code) : code;
        } catch (IllegalArgumentException e) {
          // shown as written
        }
        t = new Tla(names.get(i), text, Param.Kind.STRING);
      }
      if (interned.get(i).size() < INTERNED) {
        interned.get(i).put(code, t);
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  /** A point's metric over its trials, gathered one trial at a time. */
  private static final class PointAcc {
    private int trials;
    private int n;
    private double[] values = new double[1];

    void add(Double value) {
      trials++;
      if (value != null) {
        if (n == values.length) {
          values = java.util.Arrays.copyOf(values, 2 * n);
        }
        values[n++] = value;
      }
    }

    PointStats stats() {
      List<Double> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(values[i]);
      }
      return SweepResults.stats(trials, list);
    }
  }

  /** Problems with single experiments, the first {@link #MAX_WARNINGS} of them, then how many more there were. */
  private static final class Warnings {
    private final List<String> out;
    private long more;

    Warnings(List<String> out) {
      this.out = out;
    }

    void add(String warning) {
      if (out.size() < MAX_WARNINGS) {
        out.add(warning);
      } else {
        more++;
      }
    }

    void finish() {
      if (more > 0) {
        out.add("... and " + more + " more like these");
      }
    }
  }

  /** How many problems with single experiments a report lists. */
  static final int MAX_WARNINGS = 100;

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
