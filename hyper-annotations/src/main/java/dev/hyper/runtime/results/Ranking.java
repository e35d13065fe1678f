package dev.hyper.runtime.results;

import dev.hyper.Goal;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import java.util.Locale;
import java.util.Set;

/**
 * The metric {@code results} ranks by, which way it is better, and where that came from: {@code --goal},
 * else the sweep's {@code @Sweep(metric, goal)} when ranking by its declared metric, else, last, a guess
 * from the metric's name.
 *
 * @param metric the key (or dotted path) in {@code metrics.json}
 * @param goal {@link Goal#MIN} or {@link Goal#MAX}
 * @param source where the goal came from, for the report: {@code --goal min}, {@code @Sweep(goal = MAX)},
 *     {@code guessed from the name}
 */
public record Ranking(String metric, Goal goal, String source) {
  /** The metric when neither {@code --metric} nor {@code @Sweep(metric)} names one. */
  public static final String DEFAULT_METRIC = "best_validation_accuracy";
  /** The {@link #source} of a goal guessed from the metric's name. */
  public static final String GUESSED = "guessed from the name";

  /** Words of a metric's name that mean smaller is better, besides those containing loss, error or perplexity. */
  private static final Set<String> LOWER_WORDS = Set.of("mse", "rmse", "mae", "mape", "wer", "cer", "nll", "ppl",
      "seconds", "time", "latency");

  /**
   * How to rank sweep {@code spec}'s results.
   *
   * @param metricOption {@code --metric}, or null
   * @param goalOption {@code --goal} as given ({@code min} or {@code max}), or null
   * @throws HyperException if {@code goalOption} is neither {@code min} nor {@code max}
   */
  public static Ranking of(SweepSpec<?> spec, String metricOption, String goalOption) throws HyperException {
    String metric = metricOption != null ? metricOption : spec.metric().orElse(DEFAULT_METRIC);
    if (goalOption != null) {
      Goal goal = switch (goalOption) {
        case "min" -> Goal.MIN;
        case "max" -> Goal.MAX;
        default -> throw new HyperException("results: --goal must be min or max, found '" + goalOption + "'");
      };
      return new Ranking(metric, goal, "--goal " + goalOption);
    }
    if (spec.metric().isPresent() && spec.metric().get().equals(metric)) {
      return new Ranking(metric, spec.goal().orElseThrow(), "@Sweep(goal = " + spec.goal().orElseThrow() + ")");
    }
    return new Ranking(metric, lowerIsBetterByName(metric) ? Goal.MIN : Goal.MAX, GUESSED);
  }

  /** Whether smaller values are better. */
  public boolean lowerIsBetter() {
    return goal == Goal.MIN;
  }

  /** {@code lower is better (@Sweep(goal = MIN))}. */
  public String describe() {
    return (lowerIsBetter() ? "lower" : "higher") + " is better (" + source
        + (source.equals(GUESSED) ? "; set --goal min|max or @Sweep(goal)" : "") + ")";
  }

  /**
   * The last resort: whether a metric of this name is better when lower. It contains loss, error or
   * perplexity, or one of its words (split at anything but letters and digits) is an error measure
   * such as mse, mae, wer or nll, or a time.
   */
  static boolean lowerIsBetterByName(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    if (m.contains("loss") || m.contains("error") || m.contains("perplexity")) {
      return true;
    }
    for (String word : m.split("[^a-z0-9]+")) {
      if (LOWER_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
