package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a hyper-parameter sweep over a params record.
 *
 * <p>Every component of the record carries an {@link Axis} with the values to sweep. The Hyper
 * processor checks the record against the jsonnet template named by {@link #config()} and generates,
 * beside the record {@code P}: {@code PGrid} (the grid enumerator), {@code PConfig} (the typed
 * experiment config) and {@code PLauncher} (the command-line entry point of the jar).
 *
 * <pre>{@code
 * @Sweep(name = "rnn", config = "rnn_model.jsonnet", trials = 1,
 *        metric = "best_validation_accuracy", goal = Goal.MAX,
 *        slurm = @Slurm(qos = "gpu-medium", time = "1-00:00:00"),
 *        trainer = RnnTrainer.class)
 * public record RnnParams(
 *     @Axis(doubles = {0.001, 0.0001}) double lr,
 *     @Axis(ints = {100, 300}) int hiddenDim) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Sweep {
  /** The sweep's name: {@code [a-z0-9][a-z0-9_-]*}. It names directories and jobs. */
  String name();

  /** The jsonnet template, as a classpath resource (for example {@code rnn_model.jsonnet}); empty for none. */
  String config() default "";

  /** How many trials of each grid point to run; at least 1. */
  int trials() default 1;

  /**
   * Random search: how many points to draw from the axes (value lists and ranges uniformly, {@code uniform}
   * and {@code logUniform} from their distributions); 0, the default, sweeps the full grid.
   */
  int samples() default 0;

  /** The seed of random search: the same seed gives the same points on any machine. Needs {@code samples}. */
  long seed() default 0;

  /**
   * Options for each experiment's training JVM, e.g. {@code {"-Xmx8g", "--add-opens=java.base/java.nio=ALL-UNNAMED"}}:
   * the jobs script, the SLURM array and {@code exec} start {@code java JVM_ARGS -jar model.jar run ...}.
   * A sweep file's {@code [jvm] args} and {@code sweep --jvm-arg} add to them.
   */
  String[] jvmArgs() default {};

  /** SLURM settings for the jobs script written by {@code sweep --slurm}. */
  Slurm slurm() default @Slurm;

  /**
   * The metric {@code results} ranks by: a key (or dotted path) of the {@code metrics.json} the trainer
   * writes. Declared together with {@link #goal()}; empty, the default, for none.
   */
  String metric() default "";

  /** Whether {@link #metric()} is better smaller ({@link Goal#MIN}) or larger ({@link Goal#MAX}). */
  Goal goal() default Goal.UNSET;

  /**
   * Asynchronous successive halving over the sweep's runs ({@link Halving}); not set, the default, for
   * none: every run trains to its end.
   */
  Halving halving() default @Halving;

  /**
   * Whether {@code sweep} writes no experiment directories: it lists the experiments (manifest, jobs script,
   * SLURM task list) and each task makes its own when it starts. For sweeps too big to write up front (a
   * million points are three million files); {@code sweep --lazy} and {@code --eager} choose per run.
   */
  boolean lazy() default false;

  /**
   * The training code: a class implementing {@code dev.hyper.runtime.Trainer<P>} for this record,
   * with a public no-argument constructor. {@code void.class} means none: {@code run} then refuses.
   */
  Class<?> trainer() default void.class;
}
