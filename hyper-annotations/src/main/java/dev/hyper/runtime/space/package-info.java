/**
 * Internal to Hyper: not an API; may change in any release.
 * A sweep's space: its axes and how many points they give (Axes, the rule Grid and the processor share),
 * and the seeded hash (Mix) and permutation (Permutation) behind random search.
 */
package dev.hyper.runtime.space;
