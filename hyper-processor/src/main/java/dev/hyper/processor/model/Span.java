package dev.hyper.processor.model;

/**
 * {@code @Axis(range | logRange | uniform | logUniform = ...)} as written.
 *
 * @param kind which attribute
 * @param from {@code from}, or {@code min} of a distribution
 * @param to {@code to}, or {@code max} of a distribution
 * @param step {@code @Range(step)}, 0 when unset or not a range
 * @param count {@code @Range(count)} or {@code @LogRange(count)}, 0 when unset or a distribution
 * @param origin the attribute's value in {@code @Axis}
 */
public record Span(Kind kind, double from, double to, double step, int count, Origin origin) {

  /** The attributes, by their {@code @Axis} names. */
  public enum Kind {
    RANGE("range"), LOG_RANGE("logRange"), UNIFORM("uniform"), LOG_UNIFORM("logUniform");

    private final String attribute;

    Kind(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }

    /** Whether random search samples from it rather than it listing values. */
    public boolean isDistribution() {
      return this == UNIFORM || this == LOG_UNIFORM;
    }

    public static Kind of(String attribute) {
      for (Kind k : values()) {
        if (k.attribute.equals(attribute)) {
          return k;
        }
      }
      return null;
    }
  }

  /** As the user wrote it, e.g. {@code uniform(0.1, 0.6)}, {@code range(from = 1, to = 10, step = 1)}. */
  public String display() {
    return switch (kind) {
      case UNIFORM, LOG_UNIFORM -> kind.attribute + "(" + number(from) + ", " + number(to) + ")";
      case RANGE -> "range(" + number(from) + " to " + number(to)
          + (count != 0 ? ", count " + count : ", step " + number(step)) + ")";
      case LOG_RANGE -> "logRange(" + number(from) + " to " + number(to) + ", count " + count + ")";
    };
  }

  private static String number(double v) {
    return dev.hyper.runtime.Spans.plain(v);
  }
}
