/**
 * Internal to Hyper: not an API; may change in any release.
 * The seeded hash (Mix) and permutation (Permutation) behind random search.
 */
package dev.hyper.runtime.space;
