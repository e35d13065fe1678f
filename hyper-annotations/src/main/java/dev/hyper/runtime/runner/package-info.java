/**
 * Internal to Hyper: not an API; may change in any release.
 * The run protocol of one experiment (ExperimentRunner): a lazy sweep's experiment made first (LazyStart),
 * the claim, the checks, the markers, successive halving, the trainer called with its stderr kept (Training);
 * what to print comes back as a RunOutcome and through a RunListener.
 */
package dev.hyper.runtime.runner;
