package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The shares of {@code params}, largest first; empty when fewer than two experiments differ in the metric. */
  public static List<Share> of(List<Row> rows, List<String> params) {
    List<Row> measured = rows.stream().filter(r -> r.metric() != null && Double.isFinite(r.metric())).toList();
    double mean = measured.stream().mapToDouble(Row::metric).average().orElse(Double.NaN);
    double total = measured.stream().mapToDouble(r -> (r.metric() - mean) * (r.metric() - mean)).sum();
    if (measured.size() < 2 || !(total > 0)) {
      return List.of();
    }
    List<Share> shares = new ArrayList<>();
    for (String p : params) {
      Map<String, double[]> byValue = new LinkedHashMap<>();  // value -> {sum, n}
      for (Row r : measured) {
        double[] s = byValue.computeIfAbsent(r.param(p), k -> new double[2]);
        s[0] += r.metric();
        s[1]++;
      }
      double between = 0;
      for (double[] s : byValue.values()) {
        double m = s[0] / s[1];
        between += s[1] * (m - mean) * (m - mean);
      }
      shares.add(new Share(p, Math.min(1, between / total)));
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
