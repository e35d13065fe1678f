/**
 * Internal to Hyper: not an API; may change in any release.
 * Planning a sweep: Layout (every file name of an output directory), SweepPlanner, Ids (experiment ids and seeds).
 */
package dev.hyper.runtime.plan;
