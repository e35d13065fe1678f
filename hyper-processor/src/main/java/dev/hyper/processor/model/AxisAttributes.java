package dev.hyper.processor.model;

import dev.hyper.runtime.Param;
import java.util.Set;

/** The {@code @Axis} attributes of each kind of component: the one that lists its values, and all it may set. */
public final class AxisAttributes {
  private AxisAttributes() {}

  /** The attribute that lists values of {@code kind}, e.g. {@code ints}; enum constants are named in {@code strings}. */
  public static String values(Param.Kind kind) {
    return switch (kind) {
      case DOUBLE -> "doubles";
      case INT -> "ints";
      case LONG -> "longs";
      case STRING, ENUM -> "strings";
      case BOOLEAN -> "booleans";
    };
  }

  /** The attributes a component of {@code kind} may set: its values, and for numbers ranges and distributions. */
  public static Set<String> allowed(Param.Kind kind) {
    return switch (kind) {
      case DOUBLE -> Set.of("doubles", "range", "logRange", "uniform", "logUniform");
      case INT -> Set.of("ints", "range");
      case LONG -> Set.of("longs", "range");
      default -> Set.of(values(kind));
    };
  }
}
