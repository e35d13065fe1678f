package dev.hyper.runtime.runner;

/**
 * How {@code run} treats one experiment.
 *
 * @param force train even if the checks fail (the problems are recorded in the markers)
 * @param rerun train again even if it is {@code DONE} or {@code STOPPED}, from scratch: its checkpoints, step
 *     log and rung records are dropped
 * @param row for a lazy sweep's experiment that is not made yet: its row in the manifest, or -1 to look for it
 */
public record RunOptions(boolean force, boolean rerun, long row) {}
