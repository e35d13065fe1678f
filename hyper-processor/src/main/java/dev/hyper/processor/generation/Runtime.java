package dev.hyper.processor.generation;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code names. */
final class Runtime {
  private Runtime() {}

  static final String PKG = "dev.hyper.runtime";
  static final ClassName HYPER_GENERATED = ClassName.get("dev.hyper", "HyperGenerated");
  static final ClassName GOAL = ClassName.get("dev.hyper", "Goal");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName GRID = ClassName.get(PKG, "Grid");
  static final ClassName PARAM = ClassName.get(PKG, "Param");
  static final ClassName SPANS = ClassName.get(PKG, "Spans");
  static final ClassName DISTRIBUTION = ClassName.get(PKG, "Distribution");
  static final ClassName STRATEGY = ClassName.get(PKG, "Strategy");
  static final ClassName SWEEP_SPEC = ClassName.get(PKG, "SweepSpec");
  static final ClassName SLURM_SETTINGS = ClassName.get(PKG, "SlurmSettings");
  static final ClassName HALVING_SETTINGS = ClassName.get(PKG, "HalvingSettings");
  static final ClassName LAUNCHER = ClassName.get(PKG + ".cli", "Launcher");
  static final ClassName EXPERIMENT_CONFIG = ClassName.get(PKG, "ExperimentConfig");
  static final ClassName EXPERIMENT_INFO = ClassName.get(PKG, "ExperimentInfo");
  static final ClassName TLA = ClassName.get(PKG, "Tla");
}
