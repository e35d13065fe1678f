/**
 * Internal to Hyper: not an API; may change in any release.
 * An experiment's JSON and TOML bytes (ExperimentRenderer), the templates (Templates), the jobs script (JobsScript).
 */
package dev.hyper.runtime.render;
