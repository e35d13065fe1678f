/**
 * Internal to Hyper: not an API; may change in any release.
 * An experiment's JSON and TOML bytes (ExperimentRenderer, which checks the template's fit first), the
 * templates (Templates), the jobs script (JobsScript).
 */
package dev.hyper.runtime.render;
