package dev.hyper.runtime.halving;

import dev.hyper.Goal;
import dev.hyper.runtime.HalvingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The asynchronous rule of Ray Tune's {@code AsyncHyperBandScheduler} (ASHA's stopping variant): a run at
 * a rung goes on when its value is at least as good as the {@code 1 - 1/reduction} quantile (for a larger-
 * is-better metric; the {@code 1/reduction} quantile for smaller-is-better) of the values the other runs
 * recorded there before it decided, with linear interpolation between the two nearest ({@code numpy}'s
 * default percentile). The first run at a rung has nothing to compare with and goes on, as in Ray; of
 * many runs, about {@code 1/reduction} go on. Two choices differ from Ray: "the others" are every other
 * record present when the run lists the rung after writing its own (two runs that arrive together both
 * see each other: no order is needed between machines), and a NaN value always stops its run (Ray keeps it
 * going); NaN values of others are left out of the quantile.
 */
public final class Cutoff {
  private Cutoff() {}

  /** The rule in words, as decisions record it. */
  public static String rule(HalvingSettings h) {
    return String.format(Locale.ROOT, "go on when %s %s the %.4f quantile (linear) of the other values recorded at"
        + " the rung; the first at a rung goes on; NaN stops", h.metric(), h.goal() == Goal.MAX ? ">=" : "<=",
        quantile(h));
  }

  /** The quantile of the others a run must reach. */
  static double quantile(HalvingSettings h) {
    return h.goal() == Goal.MAX ? 1 - 1.0 / h.reduction() : 1.0 / h.reduction();
  }

  /** The cut-off among {@code values} (NaN ones left out), or NaN when there are none. */
  public static double of(HalvingSettings h, double[] values) {
    double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (x.length == 0) {
      return Double.NaN;
    }
    double position = quantile(h) * (x.length - 1);
    int lo = (int) Math.floor(position);
    int hi = Math.min(x.length - 1, lo + 1);
    return x[lo] + (position - lo) * (x[hi] - x[lo]);
  }

  /** What {@code own} decides at its rung, whose records (its own among them, or not) are {@code atRung}. */
  public static Decision decide(HalvingSettings h, RungRecord own, List<RungRecord> atRung, String time) {
    List<RungRecord> others = new ArrayList<>();
    for (RungRecord r : atRung) {
      if (!r.name().equals(own.name())) {
        others.add(r);
      }
    }
    Comparator<RungRecord> best = Comparator.comparingDouble(RungRecord::value);
    others.sort(Comparator.comparing((RungRecord r) -> Double.isNaN(r.value()))
        .thenComparing(h.goal() == Goal.MAX ? best.reversed() : best).thenComparing(RungRecord::name));
    double cutoff = of(h, others.stream().mapToDouble(RungRecord::value).toArray());
    double v = own.value();
    boolean goOn = !Double.isNaN(v) && (Double.isNaN(cutoff) || !h.better(cutoff, v));
    List<String> seen = new ArrayList<>();
    others.forEach(r -> seen.add(r.name() + "=" + r.value()));
    return new Decision(own.id(), own.trial(), own.rung(), own.resource(), h.metric(), v, goOn, cutoff, seen, rule(h),
        time);
  }
}
