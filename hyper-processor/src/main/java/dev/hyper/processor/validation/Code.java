package dev.hyper.processor.validation;

/**
 * Every diagnostic Hyper prints, by its stable code: {@code [hyper/Code]}. ERRORS.md documents each.
 */
public enum Code {
  // the record and @Sweep
  NotARecord,
  UnsupportedRecord,
  BadSweepName,
  DuplicateSweepName,
  BadTrials,
  BadJvmArg,
  GridTooLarge,
  BadMetric,
  BadHalving,
  HalvingNeedsSearch,
  // search spaces: ranges, distributions, random search, paired axes
  BadRange,
  BadDistribution,
  DistributionNeedsSamples,
  BadSamples,
  BadGroup,
  GroupSizeMismatch,
  // components and @Axis
  MissingAxis,
  UnsupportedType,
  AxisTypeMismatch,
  AxisAttributeConflict,
  EmptyAxis,
  DuplicateAxisValue,
  UnknownEnumConstant,
  NonFiniteValue,
  InexactLong,
  BadTlaName,
  DuplicateTla,
  // the template
  TemplateNotFound,
  TemplateSyntax,
  TemplateNotAFunction,
  UnknownTla,
  MissingTla,
  TlaTypeMismatch,
  TemplateRenderFailed,
  // trainer and SLURM
  TrainerWrongType,
  TrainerNotInstantiable,
  BadSlurmTime,
  BadSlurmCount,
  BadSlurmSignal,
  // the processor itself
  UnresolvedType,
  InternalError;

  /** {@code [hyper/Code]}. */
  public String tag() {
    return "[hyper/" + name() + "]";
  }
}
