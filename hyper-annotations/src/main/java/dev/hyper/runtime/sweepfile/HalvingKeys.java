package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.HalvingSettings;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code [halving]} keys of a sweep file (and {@code --set halving.KEY=N}): the numbers of
 * {@code @Sweep(halving)}, checked one by one here and together, once all overrides are applied, by
 * {@link HalvingSettings#problems()}.
 */
final class HalvingKeys {
  static final List<String> KEYS = List.of("min", "max", "reduction");

  private HalvingKeys() {}

  /** Why {@code value} is not acceptable for {@code key} of sweep {@code sweep}, or null if it is. */
  static String check(String sweep, boolean declared, String key, Object value) {
    if (!KEYS.contains(key)) {
      return "unknown halving key '" + key + "'. " + Names.suggest(key, KEYS);
    }
    if (!declared) {
      return "sweep '" + sweep + "' has no successive halving to change: declare @Sweep(halving = @Halving(...))";
    }
    long least = key.equals("reduction") ? 2 : 1;
    long most = key.equals("reduction") ? Integer.MAX_VALUE : Long.MAX_VALUE;
    return value instanceof Long l && l >= least && l <= most ? null
        : "halving '" + key + "' must be an integer >= " + least + ", found " + value;
  }

  /** Sets {@code key} (already checked) to {@code value}. */
  static UnaryOperator<HalvingSettings> setter(String key, Object value) {
    long v = (Long) value;
    return switch (key) {
      case "min" -> h -> h.withMin(v);
      case "max" -> h -> h.withMax(v);
      case "reduction" -> h -> h.withReduction((int) v);
      default -> throw new IllegalArgumentException(key);
    };
  }
}
