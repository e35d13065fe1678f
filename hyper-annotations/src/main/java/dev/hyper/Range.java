package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Evenly spaced values for a {@code double}, {@code int} or {@code long} component, in
 * {@code @Axis(range = @Range(...))}: {@code from, from + step, ...} up to {@code to} (included when it
 * falls on the grid), or {@code count} values from {@code from} to {@code to}, both included. Set
 * exactly one of {@code step} and {@code count}. Values are computed in decimal ({@code 0.3}, not
 * {@code 0.30000000000000004}); on an int or long component they must be whole numbers.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Range {
  double from();

  double to();

  /** The distance between neighbours, &gt; 0; 0 means unset. */
  double step() default 0;

  /** How many values, &gt;= 1; 0 means unset. */
  int count() default 0;
}
