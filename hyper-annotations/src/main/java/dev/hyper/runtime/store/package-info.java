/**
 * Internal to Hyper: not an API; may change in any release.
 * Writing a sweep: SweepMaterializer over OutputDirectory, ExperimentStore, SweepListings, RenderPipeline.
 */
package dev.hyper.runtime.store;
