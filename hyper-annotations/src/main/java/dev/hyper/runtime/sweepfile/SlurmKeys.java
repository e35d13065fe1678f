package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.SlurmSettings;
import java.util.List;
import java.util.function.UnaryOperator;

/** The {@code [slurm]} keys of a sweep file (and {@code --set slurm.KEY=...}), checked and applied. */
final class SlurmKeys {
  static final List<String> KEYS = List.of("qos", "time", "partition", "cpus", "mem", "gres", "max_parallel", "signal",
      "max_requeues");

  private SlurmKeys() {}

  /** Whether {@code key} takes an integer. */
  static boolean isCount(String key) {
    return List.of("cpus", "max_parallel", "signal", "max_requeues").contains(key);
  }

  /** Why {@code value} is not acceptable for {@code key}, or null if it is. */
  static String check(String key, Object value) {
    switch (key) {
      case "qos", "partition", "mem", "gres":
        return value instanceof String ? null : "slurm '" + key + "' must be a string";
      case "time":
        if (!(value instanceof String s)) {
          return "slurm 'time' must be a string";
        }
        return SlurmSettings.isValidTime(s) ? null : "slurm time '" + s + "' is not a SLURM time. "
            + "Use " + SlurmSettings.TIME_FORMATS + ", e.g. '1-00:00:00' or '90'.";
      case "signal":
        return value instanceof Long l && l >= 0 && l <= SlurmSettings.MAX_SIGNAL
            ? null : "slurm 'signal' must be an integer from 0 (no warning) to " + SlurmSettings.MAX_SIGNAL + " seconds";
      case "cpus", "max_parallel", "max_requeues":
        return value instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE
            ? null : "slurm '" + key + "' must be an integer >= 0";
      default:
        return "unknown slurm key '" + key + "'. " + Names.suggest(key, KEYS);
    }
  }

  /** {@code --set slurm.KEY=text} as the value a sweep file would hold: a number for the counts ({@link #isCount}). */
  static Object fromText(String key, String text) {
    if (isCount(key)) {
      Object number = TomlScalar.parse(text.trim());
      return number == null ? text : number;
    }
    return text;
  }

  /** Sets {@code key} (already checked) to {@code value}. */
  static UnaryOperator<SlurmSettings> setter(String key, Object value) {
    return switch (key) {
      case "qos" -> s -> s.withQos((String) value);
      case "time" -> s -> s.withTime((String) value);
      case "partition" -> s -> s.withPartition((String) value);
      case "mem" -> s -> s.withMem((String) value);
      case "gres" -> s -> s.withGres((String) value);
      case "cpus" -> s -> s.withCpus(((Long) value).intValue());
      case "max_parallel" -> s -> s.withMaxParallel(((Long) value).intValue());
      case "signal" -> s -> s.withSignal(((Long) value).intValue());
      case "max_requeues" -> s -> s.withMaxRequeues(((Long) value).intValue());
      default -> throw new IllegalArgumentException(key);
    };
  }
}
