/**
 * Internal to Hyper: not an API; may change in any release.
 * Checking experiments: ExperimentChecks (shared by run and verify) and ExperimentVerifier.
 */
package dev.hyper.runtime.verify;
