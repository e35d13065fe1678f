/**
 * Internal to Hyper: not an API; may change in any release.
 * What a sweep directory lists: the manifest (SweepManifest, ManifestFile, RowSearch), the plan a lazy sweep's rows
 * are drawn from (DrawnRows), Task and SweepTasks, ExperimentKeys.
 */
package dev.hyper.runtime.manifest;
