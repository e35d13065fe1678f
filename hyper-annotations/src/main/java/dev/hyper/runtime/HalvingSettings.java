package dev.hyper.runtime;

import dev.hyper.Goal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Asynchronous successive halving of a sweep, from {@code @Sweep(halving = @Halving(...))}, a sweep file's
 * {@code [halving]} and {@code --set halving.KEY=V}: runs are compared by {@code metric} (better as
 * {@code goal} says) when their {@code resource} reaches a rung {@code min * reduction^k < max}.
 *
 * <p>The numbers are checked by {@link #problems()} (the processor and the sweep-file reader share its
 * wording), not by the constructor, so that overrides may set {@code min} and {@code max} one at a time.
 *
 * @param metric the step-log key runs are compared by
 * @param goal {@link Goal#MIN} or {@link Goal#MAX}
 * @param resource the step-log key that counts the resource used, or {@link #STEP} for the log's step
 * @param min the first rung, at least 1
 * @param max what a run that passes every rung trains to, more than {@code min}
 * @param reduction the factor between rungs and the share that goes on ({@code 1/reduction}), at least 2
 */
public record HalvingSettings(String metric, Goal goal, String resource, long min, long max, int reduction) {
  /** {@link #resource()} for the step {@code experiment.log(step, ...)} is given. */
  public static final String STEP = "step";

  public HalvingSettings {
    Objects.requireNonNull(metric);
    Objects.requireNonNull(resource);
    if (goal != Goal.MIN && goal != Goal.MAX) {
      throw new IllegalArgumentException("halving needs a goal of MIN or MAX, was " + goal);
    }
  }

  /** What is wrong with the numbers, one phrase each ({@code reduction 1 must be at least 2}); empty if nothing. */
  public List<String> problems() {
    return problems(min, max, reduction);
  }

  /** What is wrong with these numbers, one phrase each; empty if nothing. */
  public static List<String> problems(long min, long max, long reduction) {
    List<String> out = new ArrayList<>();
    if (reduction < 2) {
      out.add("reduction " + reduction + " must be at least 2");
    }
    if (min < 1) {
      out.add("min " + min + " must be at least 1");
    } else if (max <= min) {
      out.add("max " + max + " must be more than min " + min);
    }
    return out;
  }

  /** The rungs' resources, {@code min * reduction^k} for {@code k = 0, 1, ...} while below {@code max}. */
  public List<Long> rungs() {
    List<Long> out = new ArrayList<>();
    for (long r = min; r < max; ) {
      out.add(r);
      if (r > Long.MAX_VALUE / reduction) {
        break;
      }
      r *= reduction;
    }
    return out;
  }

  /** The highest rung whose resource {@code used} has reached, or -1 if none. */
  public int rungAt(double used) {
    List<Long> rungs = rungs();
    for (int k = rungs.size() - 1; k >= 0; k--) {
      if (used >= rungs.get(k)) {
        return k;
      }
    }
    return -1;
  }

  /** Whether {@code a} is better than {@code b} by {@link #goal()}. */
  public boolean better(double a, double b) {
    return goal == Goal.MAX ? a > b : a < b;
  }

  public HalvingSettings withMin(long v) {
    return new HalvingSettings(metric, goal, resource, v, max, reduction);
  }

  public HalvingSettings withMax(long v) {
    return new HalvingSettings(metric, goal, resource, min, v, reduction);
  }

  public HalvingSettings withReduction(int v) {
    return new HalvingSettings(metric, goal, resource, min, max, v);
  }

  @Override
  public String toString() {
    return metric + " (" + goal.name().toLowerCase(java.util.Locale.ROOT) + ") by " + resource + ", rungs " + rungs()
        + " of " + max + ", reduction " + reduction;
  }
}
