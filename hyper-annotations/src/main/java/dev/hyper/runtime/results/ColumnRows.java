package dev.hyper.runtime.results;

import dev.hyper.runtime.Tla;
import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import java.io.Closeable;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;

/**
 * The experiments {@code results} collected from a sweep directory, best first, as columns: by position (the
 * experiment's row in the manifest) its metric (8 bytes), status (1), point ({@link PointGroups}, 4), row offset
 * ({@link ManifestLines}, 4) and values ({@link ParamColumns}, 1 or 2 per parameter), and the ranking (4 per
 * experiment); an experiment's id, trial and params are read back from the manifest when it is printed.
 * Experiments on disk that no manifest lists (directories from before the manifest had every row) are held
 * whole, after the manifest's.
 */
final class ColumnRows extends RankedRows implements Closeable {
  /** An experiment held whole: one on disk that no manifest lists. */
  record Draft(String id, int trial, List<Tla> tlas) {}

  private final int[] order;
  private final double[] metric;
  private final byte[] status;
  private final BitSet changed;
  private final PointGroups points;
  private final ParamColumns columns;
  private final ManifestLines lines;
  private final RowParams params;
  private final int listed;
  private final List<Draft> onDisk;
  private double[] trialValues = new double[4];
  private static final Status[] STATUSES = Status.values();

  /**
   * @param order the positions, best first
   * @param lines the manifest's rows (positions below {@code listed}), or null if it lists none
   * @param onDisk the experiments after them
   */
  ColumnRows(int[] order, double[] metric, byte[] status, BitSet changed, PointGroups points, ParamColumns columns,
      ManifestLines lines, RowParams params, int listed, List<Draft> onDisk) {
    this.order = order;
    this.metric = metric;
    this.status = status;
    this.changed = changed;
    this.points = points;
    this.columns = columns;
    this.lines = lines;
    this.params = params;
    this.listed = listed;
    this.onDisk = List.copyOf(onDisk);
  }

  /**
   * The positions {@code 0..n)} best first: those with the metric by it ({@code lowerIsBetter}: smallest
   * first), then the others by status; ties in manifest order.
   */
  static int[] rank(int n, double[] metric, byte[] status, boolean lowerIsBetter) {
    int[] order = new int[n];
    int m = 0;
    for (int p = 0; p < n; p++) {
      if (!Double.isNaN(metric[p])) {
        order[m++] = p;
      }
    }
    IntSort.sort(order, m, lowerIsBetter ? (a, b) -> Double.compare(metric[a], metric[b])
        : (a, b) -> Double.compare(metric[b], metric[a]));
    int k = m;
    for (Status s : STATUSES) {
      for (int p = 0; p < n; p++) {
        if (Double.isNaN(metric[p]) && status[p] == s.ordinal()) {
          order[k++] = p;
        }
      }
    }
    return order;
  }

  @Override
  public int size() {
    return order.length;
  }

  @Override
  Row row(int k) throws IOException {
    int p = order[k];
    String id;
    int trial;
    List<Tla> tlas;
    if (p < listed) {
      String[] f = lines.fields(p);
      id = f[1];
      trial = Integer.parseInt(f[2]);
      tlas = params.tlas(f);
    } else {
      Draft d = onDisk.get(p - listed);
      id = d.id();
      trial = d.trial();
      tlas = d.tlas();
    }
    return new Row(p, id, trial, tlas, status(k), metricOrNull(k), point(k), changed(k));
  }

  @Override
  double metric(int k) {
    return metric[order[k]];
  }

  @Override
  Status status(int k) {
    return STATUSES[status[order[k]]];
  }

  @Override
  boolean changed(int k) {
    return changed.get(order[k]);
  }

  @Override
  PointStats point(int k) {
    int first = points.first(order[k]);
    int trials = 0;
    int n = 0;
    int p = first;
    do {
      trials++;
      double v = metric[p];
      if (!Double.isNaN(v)) {
        if (n == trialValues.length) {
          trialValues = java.util.Arrays.copyOf(trialValues, 2 * n);
        }
        trialValues[n++] = v;
      }
      p = points.next(p);
    } while (p != first);
    return SweepResults.stats(trials, trialValues, n);
  }

  @Override
  double pointMean(int k) {
    int first = points.first(order[k]);
    double sum = 0;
    int n = 0;
    int p = first;
    do {
      double v = metric[p];
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
      p = points.next(p);
    } while (p != first);
    return n == 0 ? Double.NaN : sum / n;
  }

  @Override
  boolean pointChanged(int k) {
    int first = points.first(order[k]);
    int p = first;
    do {
      if (changed.get(p)) {
        return true;
      }
      p = points.next(p);
    } while (p != first);
    return false;
  }

  @Override
  int pointKey(int k) {
    return points.first(order[k]);
  }

  @Override
  boolean anyTrials() {
    return points.anyShared();
  }

  @Override
  int value(int j, int k) {
    return columns.value(j, order[k]);
  }

  @Override
  int values(int j) {
    return columns.values(j);
  }

  @Override
  String valueText(int j, int v) {
    return columns.text(j, v);
  }

  @Override
  int valueIndex(int j, String text) {
    return columns.index(j, text);
  }

  @Override
  ParamColumns.Range range(int j) {
    return columns.range(j);
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
  }
}
