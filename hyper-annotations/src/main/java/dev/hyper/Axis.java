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

  /** The jsonnet top-level argument this component fills; default: the snake_case of the component name. */
  String tla() default "";
}
