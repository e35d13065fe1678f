package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values one component of a {@link Sweep} record takes.
 *
 * <p>Set exactly the attribute that matches the component's type: {@code doubles} for {@code double},
 * {@code ints} for {@code int}, {@code longs} for {@code long}, {@code strings} for {@code String},
 * {@code booleans} for {@code boolean}. On an enum component, {@code strings} names constants and an
 * {@code @Axis} with no values means every constant. A single value fixes the parameter.
 *
 * <p>Instead of a value list: {@code range} (double, int, long) and {@code logRange} (double) generate
 * the values; {@code uniform} and {@code logUniform} (double) make random search
 * ({@code @Sweep(samples = N)}) sample the component from a distribution. Components with the same
 * {@code group} are paired: their value lists, of one length, zip by position instead of multiplying.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Axis {
  double[] doubles() default {};

  int[] ints() default {};

  long[] longs() default {};

  String[] strings() default {};

  boolean[] booleans() default {};

  /** Evenly spaced values, e.g. {@code @Range(from = 100, to = 1000, step = 100)}. */
  Range range() default @Range(from = 0, to = 0);

  /** Log-spaced values, e.g. {@code @LogRange(from = 1e-5, to = 1e-2, count = 4)}. */
  LogRange logRange() default @LogRange(from = 0, to = 0, count = 0);

  /** Random search samples this double uniformly from {@code [min, max)}. */
  Uniform uniform() default @Uniform(min = 0, max = 0);

  /** Random search samples this double log-uniformly from {@code [min, max)}. */
  LogUniform logUniform() default @LogUniform(min = 0, max = 0);

  /**
   * Pairs this component with the others of the same group: their value lists zip by position into
   * one axis, e.g. {@code (hidden_dim, n_layers)} in {@code {(300, 1), (1000, 2)}}. "" for none.
   */
  String group() default "";

  /** The jsonnet top-level argument this component fills; default: the snake_case of the component name. */
  String tla() default "";
}
