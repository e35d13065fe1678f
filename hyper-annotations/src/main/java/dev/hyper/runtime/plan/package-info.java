/**
 * Internal to Hyper: not an API; may change in any release.
 * Planning a sweep: Layout (every file name of an output directory), SweepPlanner, Ids (experiment ids and seeds),
 * SweepNames (what may name a sweep, shared with the processor).
 */
package dev.hyper.runtime.plan;
