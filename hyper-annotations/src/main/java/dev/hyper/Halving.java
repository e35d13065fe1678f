package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asynchronous successive halving (ASHA, Li et al., MLSys 2020) for a {@link Sweep}: each run reports
 * {@link #metric()} through {@code experiment.log(step, metrics)}; when its {@link #resource()} reaches a
 * rung, {@code min * reduction^k} below {@code max}, the run records its value there and goes on only if
 * that value is among the best {@code 1/reduction} recorded at the rung so far. No process waits for
 * another and none coordinates: each run decides for itself from the files of the rung.
 *
 * <pre>{@code
 * @Sweep(name = "rnn-halving", samples = 81, seed = 7,
 *        halving = @Halving(metric = "validation_accuracy", goal = Goal.MAX, resource = "epoch",
 *                           min = 1, max = 27, reduction = 3), ...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Halving {
  /** The step-log key the runs are compared by, as the trainer passes it to {@code experiment.log}. */
  String metric() default "";

  /** Whether {@link #metric()} is better smaller ({@link Goal#MIN}) or larger ({@link Goal#MAX}). */
  Goal goal() default Goal.UNSET;

  /**
   * The step-log key that counts the resource a run has used, e.g. {@code "epoch"} (epochs done), or
   * {@code "step"} (the default) for {@code log}'s step argument itself.
   */
  String resource() default "step";

  /** The first rung's resource; at least 1. */
  long min() default 1;

  /** The resource a run that passes every rung trains to; more than {@link #min()}. */
  long max() default 0;

  /** The reduction factor {@code eta}: rungs are {@code min * reduction^k}, and {@code 1/reduction} goes on; at least 2. */
  int reduction() default 3;
}
