/**
 * Internal to Hyper: not an API; may change in any release.
 * Proposing new points from finished experiments: Tpe and NextPoints.
 */
package dev.hyper.runtime.search;
