package dev.hyper.processor.model;

import dev.hyper.runtime.Param;
import java.util.ArrayList;
import java.util.List;

/** A {@link Span}'s values through the runtime's {@link dev.hyper.runtime.Spans}: one computation for javac and the jar. */
public final class Spans {
  private Spans() {}

  /**
   * The values of a range, boxed as the component's kind; empty for a distribution.
   *
   * @throws IllegalArgumentException with the reason when the range is not valid for the kind
   */
  public static List<Object> values(Span span, Param.Kind kind) {
    double[] raw = switch (span.kind()) {
      case UNIFORM, LOG_UNIFORM -> new double[0];
      case RANGE -> {
        if ((span.step() != 0) == (span.count() != 0)) {
          throw new IllegalArgumentException("set exactly one of step and count");
        }
        yield span.count() != 0
            ? dev.hyper.runtime.Spans.linearCount(span.from(), span.to(), span.count())
            : dev.hyper.runtime.Spans.linearStep(span.from(), span.to(), span.step());
      }
      case LOG_RANGE -> dev.hyper.runtime.Spans.logCount(span.from(), span.to(), span.count());
    };
    List<Object> out = new ArrayList<>(raw.length);
    switch (kind) {
      case INT -> {
        for (int v : dev.hyper.runtime.Spans.toInts(raw)) {
          out.add(v);
        }
      }
      case LONG -> {
        for (long v : dev.hyper.runtime.Spans.toLongs(raw)) {
          out.add(v);
        }
      }
      default -> {
        for (double v : raw) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
