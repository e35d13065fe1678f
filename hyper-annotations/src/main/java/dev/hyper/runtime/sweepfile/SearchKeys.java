package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Strategy;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code [search]} keys of a sweep file (and {@code --set search.KEY=N}): the {@code seed} and
 * {@code samples} of a random search ({@code @Sweep(samples, seed)}). Another seed draws other points from
 * the same space, as a second look at a random search or for a benchmark over seeds.
 */
final class SearchKeys {
  static final List<String> KEYS = List.of("seed", "samples");

  private SearchKeys() {}

  /** Why {@code value} is not acceptable for {@code key} of sweep {@code sweep}, or null if it is. */
  static String check(String sweep, boolean random, String key, Object value) {
    if (!KEYS.contains(key)) {
      return "unknown search key '" + key + "'. " + Names.suggest(key, KEYS);
    }
    if (!random) {
      return "sweep '" + sweep + "' is a grid: it has no " + key
          + " to change; declare @Sweep(samples = N) for a random search";
    }
    if (key.equals("seed")) {
      return value instanceof Long ? null : "search 'seed' must be an integer, found " + value;
    }
    return value instanceof Long l && l >= 1 ? null : "search 'samples' must be an integer >= 1, found " + value;
  }

  /** Sets {@code key} (already checked) to {@code value}. */
  static UnaryOperator<Strategy> setter(String key, Object value) {
    long v = (Long) value;
    return switch (key) {
      case "seed" -> s -> Strategy.random(s.samples(), v);
      case "samples" -> s -> Strategy.random(v, s.seed());
      default -> throw new IllegalArgumentException(key);
    };
  }
}
