/**
 * Internal to Hyper: not an API; may change in any release.
 * What a sweep directory lists: the manifest (SweepManifest, ManifestFile), Task and SweepTasks, ExperimentKeys.
 */
package dev.hyper.runtime.manifest;
