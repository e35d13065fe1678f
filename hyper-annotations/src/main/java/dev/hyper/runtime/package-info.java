/**
 * Hyper's public API: the types users' code and generated code name.
 *
 * <p>Training code implements {@link dev.hyper.runtime.Trainer} and gets an {@link dev.hyper.runtime.Experiment}
 * (its log, checkpoints, stop requests, and its config as a {@link dev.hyper.runtime.JsonConfig}). Generated
 * code builds a {@link dev.hyper.runtime.SweepSpec} over a {@link dev.hyper.runtime.Grid} of
 * {@link dev.hyper.runtime.Param}s ({@code Spans}, {@code Distribution}, {@code Strategy}, {@code Values},
 * {@code SlurmSettings}, {@code HalvingSettings}) and reads and writes an experiment's TOML as an
 * {@link dev.hyper.runtime.ExperimentConfig} ({@code ExperimentInfo}, {@code Provenance}, {@code JavaRuntime},
 * {@code Tla}). The subpackages are internal to Hyper and may change in any release (generated launchers'
 * {@code main} calls the internal {@code cli.Launcher}); this package imports only those of them that import
 * nothing of it: {@code space}, {@code jsonnet}, {@code shell} and {@code toml}.
 */
package dev.hyper.runtime;
