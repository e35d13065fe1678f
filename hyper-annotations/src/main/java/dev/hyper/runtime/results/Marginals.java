package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric's mean, spread and count over the experiments with each value of each parameter (the marginal
 * effect of the parameter), in the order of its axis; summed in ranking order, two passes over the
 * experiments per parameter, with a few numbers per value rather than a list per value.
 */
final class Marginals {
  private Marginals() {}

  static Map<String, Map<String, PointStats>> of(SweepResults r) {
    RankedRows rows = r.ranked();
    Map<String, Map<String, PointStats>> out = new LinkedHashMap<>();
    for (int j = 0; j < r.params().size(); j++) {
      String p = r.params().get(j);
      PointStats[] stats = of(rows, j);
      Map<String, PointStats> byValue = new LinkedHashMap<>();
      for (String v : r.axisValues().get(p)) {
        int i = rows.valueIndex(j, v);
        byValue.put(v, i < 0 ? new PointStats(0, 0, null, null, null, null) : stats[i]);
      }
      out.put(p, byValue);
    }
    return out;
  }

  /** The statistics of each value of parameter {@code j}, by its number. */
  static PointStats[] of(RankedRows rows, int j) {
    int m = rows.values(j);
    int[] total = new int[m];
    int[] n = new int[m];
    double[] sum = new double[m];
    double[] min = new double[m];
    double[] max = new double[m];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int k = 0; k < rows.size(); k++) {
      int v = rows.value(j, k);
      total[v]++;
      double x = rows.metric(k);
      if (!Double.isNaN(x)) {
        n[v]++;
        sum[v] += x;
        min[v] = Math.min(min[v], x);
        max[v] = Math.max(max[v], x);
      }
    }
    double[] mean = new double[m];
    double[] ss = new double[m];
    for (int v = 0; v < m; v++) {
      mean[v] = sum[v] / n[v];
    }
    for (int k = 0; k < rows.size(); k++) {
      double x = rows.metric(k);
      if (!Double.isNaN(x)) {
        int v = rows.value(j, k);
        ss[v] += (x - mean[v]) * (x - mean[v]);
      }
    }
    PointStats[] out = new PointStats[m];
    for (int v = 0; v < m; v++) {
      out[v] = n[v] == 0 ? new PointStats(total[v], 0, null, null, null, null)
          : new PointStats(total[v], n[v], mean[v], n[v] > 1 ? Math.sqrt(ss[v] / (n[v] - 1)) : null, min[v], max[v]);
    }
    return out;
  }

  /** The axis of each parameter: its declared values that some experiment has, then the others by rank. */
  static List<String> axis(RankedRows rows, int j, List<String> declared) {
    int m = rows.values(j);
    int[] first = new int[m];
    Arrays.fill(first, Integer.MAX_VALUE);
    for (int k = 0; k < rows.size(); k++) {
      int v = rows.value(j, k);
      if (first[v] == Integer.MAX_VALUE) {
        first[v] = k;
      }
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    if (rows.range(j) != null) {                   // ranges, lowest first
      for (int v = 0; v < m; v++) {
        if (first[v] != Integer.MAX_VALUE) {
          out.add(rows.valueText(j, v));
        }
      }
      return List.copyOf(out);
    }
    for (String text : declared) {
      int v = rows.valueIndex(j, text);
      if (v >= 0 && first[v] != Integer.MAX_VALUE) {
        out.add(text);
      }
    }
    Integer[] byFirst = new Integer[m];
    for (int v = 0; v < m; v++) {
      byFirst[v] = v;
    }
    Arrays.sort(byFirst, (a, b) -> Integer.compare(first[a], first[b]));
    for (int v : byFirst) {
      if (first[v] != Integer.MAX_VALUE) {
        out.add(rows.valueText(j, v));
      }
    }
    return List.copyOf(out);
  }
}
