package dev.hyper.runtime.plan;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may name a sweep. A sweep's name names its directories and jobs, so it is restricted to
 * {@link #PATTERN}. The one rule the processor ({@code BadSweepName}) and the planner apply, with the
 * words both messages use.
 */
public final class SweepNames {
  /** The allowed names, as a regular expression. */
  public static final String PATTERN = "[a-z0-9][a-z0-9_-]*";

  /** {@link #PATTERN} in words, as both messages say it after "use". */
  public static final String RULE = "lower-case letters, digits, '_' and '-', starting with a letter or digit";

  private static final Pattern NAME = Pattern.compile(PATTERN);

  private SweepNames() {}

  /** Whether {@code name} may name a sweep. */
  public static boolean isValid(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * An allowed spelling of {@code name}: lower-cased, each run of other characters a '-', without leading
   * '_' or '-' and trailing '-' ({@code "RNN model"} gives {@code rnn-model}); empty when that is not
   * allowed either.
   */
  public static Optional<String> suggestion(String name) {
    String fixed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[_-]+|-+$", "");
    return isValid(fixed) ? Optional.of(fixed) : Optional.empty();
  }
}
