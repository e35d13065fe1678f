package dev.hyper.runtime.halving;

import java.util.List;
import java.util.Objects;

/**
 * What a run decided at a rung, with everything it saw: the file {@code .rungs/K/ID-TRIAL.decision},
 * written once, so that the decision can be checked by hand and stands when the run resumes.
 *
 * @param id the experiment's id
 * @param trial its trial
 * @param rung the rung
 * @param resource the rung's resource
 * @param metric the metric compared
 * @param value the run's value at the rung
 * @param goOn whether the run went on ({@code continue}) or was stopped ({@code stop})
 * @param cutoff the value it had to reach, NaN when there was none (the first at the rung)
 * @param seen the other records of the rung it compared with, {@code ID-TRIAL=value}, best first
 * @param rule the rule, in words
 * @param time when it decided (ISO-8601, UTC)
 */
public record Decision(String id, int trial, int rung, long resource, String metric, double value, boolean goOn,
    double cutoff, List<String> seen, String rule, String time) {
  public Decision {
    Objects.requireNonNull(id);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(rule);
    Objects.requireNonNull(time);
    seen = List.copyOf(seen);
  }

  /** {@code 0.9312 >= cut-off 0.9105 of 7 others}: the comparison, for messages. */
  public String describe() {
    if (Double.isNaN(value)) {
      return metric + " is NaN";
    }
    if (Double.isNaN(cutoff)) {
      return metric + " " + value + ", the first at the rung";
    }
    return metric + " " + value + (goOn ? " reached" : " did not reach") + " the cut-off " + cutoff + " of "
        + seen.size() + " other" + (seen.size() == 1 ? "" : "s");
  }
}
