/**
 * Internal to Hyper: not an API; may change in any release.
 * Checking experiments: ExperimentChecks (shared by run and verify), ExperimentVerifier and ParallelChecks, and
 * RecordedChecks with a sweep's VerifiedRecord of what was found ok.
 */
package dev.hyper.runtime.verify;
