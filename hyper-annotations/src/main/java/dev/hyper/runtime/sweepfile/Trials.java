package dev.hyper.runtime.sweepfile;

import java.util.OptionalInt;

/** The {@code n_trials} key, in a sweep file and in {@code --set}: an integer >= 1. */
final class Trials {
  static final String RULE = "'n_trials' must be an integer >= 1";

  private Trials() {}

  /** The trials {@code value} (a TOML value) sets, or empty if it is not an integer in [1, 2^31 - 1]. */
  static OptionalInt of(Object value) {
    return value instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE ? OptionalInt.of(l.intValue())
        : OptionalInt.empty();
  }
}
