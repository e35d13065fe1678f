package dev.hyper.runtime.status;

/**
 * Where an experiment is, as its serialization directory's markers say (see {@link Markers}).
 *
 * <ul>
 *   <li>{@link #PENDING}: no marker; never started (or its serialization directory does not exist).
 *   <li>{@link #RUNNING}: {@code STARTED} without {@code DONE} or {@code FAILED}: training now, or killed
 *       (a killed run writes nothing more; {@link Started#isRunningHere()} tells the two apart on the
 *       machine that ran it).
 *   <li>{@link #DONE}: {@code DONE}: training returned normally.
 *   <li>{@link #FAILED}: {@code FAILED}: training threw, or an executor recorded the process's failure.
 *   <li>{@link #INTERRUPTED}: {@code INTERRUPTED}: asked to stop, it saved a checkpoint and returned; the
 *       next run resumes from the checkpoint.
 *   <li>{@link #STOPPED}: {@code STOPPED}: successive halving stopped it at a rung; the search is over for it.
 * </ul>
 */
public enum ExperimentStatus {
  PENDING, RUNNING, DONE, FAILED, INTERRUPTED, STOPPED
}
