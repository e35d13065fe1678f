package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sweep's experiments, best first, as the report reads them: by rank, each experiment's metric, status and
 * point statistics, and the number of its value of each parameter ({@link ParamColumns}), without making a
 * {@link Row}; the whole {@link Row} (id, trial, params) when it is printed ({@link #row}). Either the rows
 * given in memory ({@link ListRows}) or the columns {@code results} collects from a sweep directory
 * ({@link ColumnRows}), which read a row's text back from the manifest.
 */
abstract class RankedRows extends AbstractList<Row> {
  /** The experiment ranked {@code k}-th (from 0). */
  abstract Row row(int k) throws IOException;

  /** Its metric, or NaN if it has none. */
  abstract double metric(int k);

  abstract Status status(int k);

  /** Whether its {@code metrics.json} changed after its run. */
  abstract boolean changed(int k);

  /** The statistics of its point over the point's trials. */
  abstract PointStats point(int k);

  /** The mean of its point, as {@link #point} gives it, or NaN if none. */
  abstract double pointMean(int k);

  /** Whether the {@code metrics.json} of some trial of its point changed after its run. */
  abstract boolean pointChanged(int k);

  /** A number for its point, the same for each of the point's experiments, in [0, size). */
  abstract int pointKey(int k);

  /** Whether some point has more than one experiment. */
  abstract boolean anyTrials();

  /** The number of its value of parameter {@code j} (in the report's order of parameters). */
  abstract int value(int j, int k);

  /** How many values (or ranges, {@link ParamColumns}) parameter {@code j} has. */
  abstract int values(int j);

  /** The text of value {@code v} of parameter {@code j}. */
  abstract String valueText(int j, int v);

  /** The number of the value of parameter {@code j} whose text is {@code text}, or -1. */
  abstract int valueIndex(int j, String text);

  /** Parameter {@code j}'s ranges when the report groups it by ranges of its values; else null. */
  ParamColumns.Range range(int j) {
    return null;
  }

  @Override
  public Row get(int k) {
    try {
      return row(k);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its metric, or null. */
  Double metricOrNull(int k) {
    double m = metric(k);
    return Double.isNaN(m) ? null : m;
  }

  /** How many experiments have each status, in {@link Status} order, zero counts left out. */
  Map<Status, Integer> counts() {
    int[] n = new int[Status.values().length];
    for (int k = 0; k < size(); k++) {
      n[status(k).ordinal()]++;
    }
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      if (n[s.ordinal()] > 0) {
        counts.put(s, n[s.ordinal()]);
      }
    }
    return counts;
  }

  /** How many experiments have the metric. */
  int measured() {
    int n = 0;
    for (int k = 0; k < size(); k++) {
      if (!Double.isNaN(metric(k))) {
        n++;
      }
    }
    return n;
  }

  /**
   * The rank of the first experiment (in ranking order) of the point whose mean over trials is best, or -1 if
   * no point has one.
   */
  int bestPoint(boolean lowerIsBetter) {
    int best = -1;
    double bestMean = Double.NaN;
    for (int k = 0; k < size(); k++) {
      double m = pointMean(k);
      if (!Double.isNaN(m) && (best < 0 || (lowerIsBetter ? m < bestMean : m > bestMean))) {
        best = k;
        bestMean = m;
      }
    }
    return best;
  }

  /**
   * One experiment per point, the first of its point in ranking order, as ranks: the points ranked by their
   * mean over trials (points without one last), ties in ranking order.
   */
  int[] pointRanks(boolean lowerIsBetter) {
    BitSet seen = new BitSet(size());
    int n = 0;
    for (int k = 0; k < size(); k++) {
      int key = pointKey(k);
      if (!seen.get(key)) {
        seen.set(key);
        n++;
      }
    }
    seen.clear();
    int[] firsts = new int[n];
    int i = 0;
    for (int k = 0; k < size(); k++) {
      int key = pointKey(k);
      if (!seen.get(key)) {
        seen.set(key);
        firsts[i++] = k;
      }
    }
    IntSort.sort(firsts, n, (a, b) -> {
      double ma = pointMean(a);
      double mb = pointMean(b);
      boolean na = Double.isNaN(ma);
      boolean nb = Double.isNaN(mb);
      if (na || nb) {
        return Boolean.compare(na, nb);
      }
      return lowerIsBetter ? Double.compare(ma, mb) : Double.compare(mb, ma);
    });
    return firsts;
  }
}
