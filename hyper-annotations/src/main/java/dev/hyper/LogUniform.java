package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code double} component that random search ({@code @Sweep(samples = N)}) samples from
 * {@code [min, max)} uniformly in the logarithm (each decade equally likely), 0 &lt; min, in
 * {@code @Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface LogUniform {
  double min();

  double max();
}
