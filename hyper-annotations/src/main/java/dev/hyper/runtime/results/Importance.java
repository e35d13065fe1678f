package dev.hyper.runtime.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How much of the metric's variance each parameter explains: the main effects of a functional ANOVA
 * on the sweep's marginals. For parameter p with values v, the share is {@code sum_v n_v (mean_v -
 * mean)^2 / sum_i (y_i - mean)^2} over the experiments that have the metric: the variance of p's
 * marginal means, weighted by how many experiments each value has, over the metric's total variance.
 * On a full grid these are the first-order terms of the variance decomposition; what the shares leave
 * of 1 is interactions and noise (trials of one point). Random search gives the same estimate on its
 * samples, rougher.
 */
public final class Importance {
  private Importance() {}

  /**
   * One parameter's share.
   *
   * @param param the parameter's name
   * @param share the fraction of the metric's variance its marginal explains, 0 to 1
   */
  public record Share(String param, double share) {}

  /**
   * The shares of {@code params}, largest first; empty when fewer than two experiments differ in the metric.
   * Sums run in ranking order, values in order of their first experiment, as one list of the experiments
   * would give them; a few numbers per value are held.
   */
  public static List<Share> of(SweepResults r) {
    RankedRows rows = r.ranked();
    List<String> params = r.params();
    int size = rows.size();
    int measured = (int) IntStream.range(0, size).filter(k -> Double.isFinite(rows.metric(k))).count();
    double mean = IntStream.range(0, size).mapToDouble(rows::metric).filter(Double::isFinite).average()
        .orElse(Double.NaN);
    double total = IntStream.range(0, size).mapToDouble(rows::metric).filter(Double::isFinite)
        .map(m -> (m - mean) * (m - mean)).sum();
    if (measured < 2 || !(total > 0)) {
      return List.of();
    }
    List<Share> shares = new ArrayList<>();
    for (int j = 0; j < params.size(); j++) {
      int m = rows.values(j);
      double[] sum = new double[m];
      double[] n = new double[m];
      int[] order = new int[m];                               // the values in order of their first experiment
      int seen = 0;
      for (int k = 0; k < size; k++) {
        double x = rows.metric(k);
        if (Double.isFinite(x)) {
          int v = rows.value(j, k);
          if (n[v] == 0) {
            order[seen++] = v;
          }
          sum[v] += x;
          n[v]++;
        }
      }
      double between = 0;
      for (int i = 0; i < seen; i++) {
        int v = order[i];
        double mv = sum[v] / n[v];
        between += n[v] * (mv - mean) * (mv - mean);
      }
      shares.add(new Share(params.get(j), Math.min(1, between / total)));
    }
    shares.sort(Comparator.comparingDouble(Share::share).reversed());
    return shares;
  }

  /** The shares as a map, for JSON. */
  static Map<String, Double> asMap(List<Share> shares) {
    Map<String, Double> m = new HashMap<>();
    shares.forEach(s -> m.put(s.param(), s.share()));
    return m;
  }
}
