package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code count} log-spaced values for a {@code double} component, in
 * {@code @Axis(logRange = @LogRange(...))}: from {@code from} to {@code to}, both included, with equal
 * ratios between neighbours; 0 &lt; from &lt; to. Values a whole number of decades from {@code from}
 * are exact: {@code @LogRange(from = 1e-5, to = 1e-2, count = 4)} is {@code 1e-5, 1e-4, 1e-3, 1e-2}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface LogRange {
  double from();

  double to();

  int count();
}
