/**
 * Internal to Hyper: not an API; may change in any release.
 * The training side of a run: ExperimentRun (the Experiment a trainer gets), StepLog, Checkpoints, StopSignals.
 */
package dev.hyper.runtime.run;
