/**
 * Internal to Hyper: not an API; may change in any release.
 * Reading a sweep back: SweepResults, ranking, importance, and its text, CSV, JSON and HTML.
 */
package dev.hyper.runtime.results;
