/**
 * Internal to Hyper: not an API; may change in any release.
 * Successive halving: HalvingRun, Cutoff, the rung files (RungFiles) and RungSummary.
 */
package dev.hyper.runtime.halving;
