package dev.hyper.runtime;

import java.util.Objects;

/**
 * A continuous distribution a random search samples a {@code double} parameter from:
 * {@code uniform(min, max)} or {@code logUniform(min, max)} (uniform in the logarithm; 0 &lt; min).
 * Samples fall in {@code [min, max)}.
 *
 * @param kind which distribution
 * @param min the lower bound, included
 * @param max the upper bound, excluded; min &lt; max, both finite
 */
public record Distribution(Kind kind, double min, double max) {
  /** The distributions Hyper samples from. */
  public enum Kind {
    UNIFORM("uniform"), LOG_UNIFORM("logUniform");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How {@code @Axis} spells it: {@code uniform}, {@code logUniform}. */
    public String label() {
      return label;
    }
  }

  public Distribution {
    Objects.requireNonNull(kind);
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      throw new IllegalArgumentException(kind.label + "(" + min + ", " + max + "): need finite min < max");
    }
    if (kind == Kind.LOG_UNIFORM && !(min > 0)) {
      throw new IllegalArgumentException("logUniform(" + min + ", " + max + "): need 0 < min");
    }
  }

  public static Distribution uniform(double min, double max) {
    return new Distribution(Kind.UNIFORM, min, max);
  }

  public static Distribution logUniform(double min, double max) {
    return new Distribution(Kind.LOG_UNIFORM, min, max);
  }

  /**
   * The value at {@code u} in [0, 1): {@code min + u * (max - min)}, or for log-uniform
   * {@code exp(ln min + u * (ln max - ln min))}; kept inside [min, max) against rounding.
   */
  public double at(double u) {
    double v = switch (kind) {
      case UNIFORM -> min + u * (max - min);
      case LOG_UNIFORM -> Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    };
    if (v < min) {
      return min;
    }
    return v >= max ? Math.nextDown(max) : v;
  }

  /** Whether {@code v} is a value this distribution can produce. */
  public boolean contains(double v) {
    return v >= min && v < max;
  }

  @Override
  public String toString() {
    return kind.label + "(" + min + ", " + max + ")";
  }
}
