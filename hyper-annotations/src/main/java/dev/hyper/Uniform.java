package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code double} component that random search ({@code @Sweep(samples = N)}) samples uniformly from
 * {@code [min, max)}, in {@code @Axis(uniform = @Uniform(min = 0.1, max = 0.6))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Uniform {
  double min();

  double max();
}
