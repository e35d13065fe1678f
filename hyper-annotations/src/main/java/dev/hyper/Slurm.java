package dev.hyper;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** SLURM settings of a {@link Sweep}. Every attribute is optional; an unset one is left out of the job. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Slurm {
  /** {@code --qos}. */
  String qos() default "";

  /** {@code --time}: {@code M}, {@code M:S}, {@code H:M:S}, {@code D-H}, {@code D-H:M} or {@code D-H:M:S}. */
  String time() default "";

  /** {@code --partition}. */
  String partition() default "";

  /** {@code --cpus-per-task}; 0 for unset. */
  int cpus() default 0;

  /** {@code --mem}, for example {@code 16G}. */
  String mem() default "";

  /** {@code --gres}, for example {@code gpu:1}. */
  String gres() default "";

  /** The most array tasks SLURM runs at once ({@code --array=...%N}); 0 for no limit. */
  int maxParallel() default 0;

  /**
   * {@code --signal=B:USR1@SECONDS}: SLURM warns the array script this many seconds before the time limit;
   * it asks the training to stop (checkpoint) and requeues the task. 0 for no warning.
   */
  int signal() default dev.hyper.runtime.SlurmSettings.DEFAULT_SIGNAL;

  /**
   * How often a task that stopped at its time limit's warning requeues itself ({@code scontrol requeue},
   * while {@code SLURM_RESTART_COUNT} is below it); 0 for never. Preempted tasks are requeued by SLURM.
   */
  int maxRequeues() default dev.hyper.runtime.SlurmSettings.DEFAULT_MAX_REQUEUES;
}
