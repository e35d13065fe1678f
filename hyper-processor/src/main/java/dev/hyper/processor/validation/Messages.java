package dev.hyper.processor.validation;

import static dev.hyper.processor.validation.Diagnostic.error;

import dev.hyper.processor.model.Origin;
import dev.hyper.runtime.check.Suggest;
import dev.hyper.runtime.jsonnet.JsonnetLiterals;
import dev.hyper.runtime.plan.SweepNames;
import dev.hyper.runtime.text.Printable;
import java.util.List;
import java.util.Optional;

/**
 * Every text Hyper prints, in one place. Shape: {@code [hyper/Code] what is wrong, with the name in
 * quotes. What is allowed, or how to fix it. Did you mean 'x'?} Types are spelled with simple names.
 */
public final class Messages {
  private Messages() {}

  static final String SLURM_TIME_FORMATS = dev.hyper.runtime.SlurmSettings.TIME_FORMATS;

  // ---- the record and @Sweep

  static Diagnostic notARecord(Origin o, String type, String kind) {
    return error(Code.NotARecord, "@Sweep is on " + kind + " '" + type + "', but it applies only to records. "
        + "Declare '" + type + "' as a record whose components carry @Axis.", o);
  }

  static Diagnostic unsupportedRecord(Origin o, String type, String reason) {
    return error(Code.UnsupportedRecord, "Record '" + type + "' cannot be swept: " + reason + ". "
        + "Hyper generates classes beside it that must name it: use a non-generic top-level or nested record "
        + "that is not private.", o);
  }

  static Diagnostic badSweepName(Origin o, String name, Optional<String> suggestion) {
    return error(Code.BadSweepName, "Sweep name '" + name + "' is not allowed. "
        + "Use " + SweepNames.RULE + " (" + SweepNames.PATTERN + ")." + didYouMean(suggestion), o);
  }

  static Diagnostic duplicateSweepName(Origin o, String name, String otherRecord) {
    return error(Code.DuplicateSweepName, "Sweep name '" + name + "' is already used by " + otherRecord + ". "
        + "Give each @Sweep of a jar its own name.", o);
  }

  static Diagnostic badTrials(Origin o, int trials) {
    return error(Code.BadTrials, "trials = " + trials + " is not allowed. "
        + "Each grid point runs at least once: use trials = 1 or more.", o);
  }

  static Diagnostic badJvmArg(Origin o, String arg) {
    return error(Code.BadJvmArg, "jvmArgs lists '" + arg.strip() + "', which is empty or holds a tab, line break or"
        + " control character. Give each JVM option as one printable word.", o);
  }

  static Diagnostic gridTooLarge(Origin o, String type, String points, int trials) {
    return error(Code.GridTooLarge, "The grid of '" + type + "' has " + points + " points x " + trials
        + " trials, more experiments than a long can count. Sweep fewer values.", o);
  }

  static Diagnostic metricWithoutGoal(Origin o, String metric) {
    return error(Code.BadMetric, "metric = \"" + metric + "\" has no goal. Say which way it is better: goal = "
        + "Goal.MIN (smaller, e.g. a loss) or goal = Goal.MAX (larger, e.g. an accuracy).", o);
  }

  static Diagnostic goalWithoutMetric(Origin o, String goal) {
    return error(Code.BadMetric, "goal = Goal." + goal + " has no metric to apply to. Name the metrics.json key too, "
        + "e.g. metric = \"best_validation_loss\", or remove goal.", o);
  }

  static Diagnostic badMetricName(Origin o, String metric) {
    return error(Code.BadMetric, "metric = \"" + Printable.escape(metric) + "\" is not a key of metrics.json. "
        + "Write its key, or a dotted path to a nested one (e.g. \"validation.loss\"): no empty parts, spaces or "
        + "control characters.", o);
  }

  static Diagnostic badHalvingKey(Origin o, String attribute, String value, String example) {
    return error(Code.BadHalving, "@Halving " + attribute + " = \"" + Printable.escape(value) + "\" is not a key of "
        + "the step log. Write the key the trainer passes to experiment.log, e.g. " + attribute + " = \"" + example
        + "\": no spaces or control characters" + (attribute.equals("metric") ? ", not 'step' or 'time'."
        : ", not 'time' ('step' means log's step itself)."), o);
  }

  static Diagnostic halvingWithoutGoal(Origin o, String metric) {
    return error(Code.BadHalving, "@Halving has no goal. Say which way metric \"" + Printable.escape(metric)
        + "\" is better: goal = Goal.MIN (smaller, e.g. a loss) or goal = Goal.MAX (larger, e.g. an accuracy).", o);
  }

  static Diagnostic badHalvingNumbers(Origin o, List<String> problems) {
    return error(Code.BadHalving, "@Halving is not valid: " + String.join("; ", problems) + ". Write 1 <= min < max"
        + " and reduction >= 2, e.g. @Halving(min = 1, max = 27, reduction = 3).", o);
  }

  static Diagnostic halvingNeedsSearch(Origin o, String type, String points, int trials) {
    return error(Code.HalvingNeedsSearch, "@Halving on '" + type + "' compares runs, but the sweep has " + points
        + " point" + (points.equals("1") ? "" : "s") + " x " + trials + " trial" + (trials == 1 ? "" : "s")
        + ". Sweep at least two experiments: more values, samples = N, or trials >= 2.", o);
  }

  // ---- search spaces

  static Diagnostic badRange(Origin o, String component, String attribute, String reason, String fix) {
    return error(Code.BadRange, "@Axis(" + attribute + ") on '" + component + "' is not valid: " + reason + ". "
        + fix, o);
  }

  static final String RANGE_FIX = "Write from < to and exactly one of step > 0 or count >= 1, "
      + "e.g. @Range(from = 100, to = 1000, step = 100).";
  static final String LOG_RANGE_FIX = "Write 0 < from < to and count >= 1, "
      + "e.g. @LogRange(from = 1e-5, to = 1e-2, count = 4).";
  static final String WHOLE_FIX = "On an int or long component every value must be a whole number: "
      + "use whole from and to, and a whole step (or a count that lands on whole numbers).";

  static Diagnostic badDistribution(Origin o, String component, String attribute, String reason) {
    return error(Code.BadDistribution, "@Axis(" + attribute + ") on '" + component + "' is not valid: " + reason
        + ". Write finite min < max (and 0 < min for logUniform), e.g. @Uniform(min = 0.1, max = 0.6).", o);
  }

  static Diagnostic distributionNeedsSamples(Origin o, String component, String distribution) {
    return error(Code.DistributionNeedsSamples, "'" + component + "' is sampled from " + distribution
        + ", which a grid cannot enumerate. Set @Sweep(samples = N, seed = S) for random search, or give '"
        + component + "' values or a range.", o);
  }

  static Diagnostic badSamples(Origin o, int samples) {
    return error(Code.BadSamples, "samples = " + samples + " is not allowed. "
        + "Use samples >= 1 for random search, or leave it out for the full grid.", o);
  }

  static Diagnostic seedWithoutSamples(Origin o, long seed) {
    return error(Code.BadSamples, "seed = " + seed + " has no effect without samples. "
        + "Set samples = N for random search, or remove seed.", o);
  }

  static Diagnostic sampledInGroup(Origin o, String component, String distribution, String group) {
    return error(Code.BadGroup, "'" + component + "' is sampled from " + distribution + " and cannot be in group '"
        + group + "': a group zips value lists. Remove the group, or give '" + component + "' values.", o);
  }

  static Diagnostic lonelyGroup(Origin o, String group, String component, Optional<String> suggestion) {
    return error(Code.BadGroup, "Group '" + group + "' has only '" + component + "'; a group pairs two or more "
        + "components." + suggestion.map(s -> " Did you mean '" + s + "'?")
            .orElse(" Set group = \"" + group + "\" on the components to pair with it, or remove it."), o);
  }

  /** {@code pairs} is {@link dev.hyper.runtime.space.Axes#pairs}'s, which the runtime's refusal says too. */
  static Diagnostic groupSizeMismatch(Origin o, String group, String pairs) {
    return error(Code.GroupSizeMismatch, "Group '" + group + "' " + pairs + ". Paired components zip by position: "
        + "give them the same number of values.", o);
  }

  // ---- components and @Axis

  static Diagnostic missingAxis(Origin o, String component, String example) {
    return error(Code.MissingAxis, "Component '" + component + "' has no @Axis. "
        + "Annotate it with the values to sweep, e.g. " + example + " (one value fixes it).", o);
  }

  static Diagnostic unsupportedType(Origin o, String component, String type, Optional<String> suggestion) {
    return error(Code.UnsupportedType, "Component '" + component + "' has type '" + type
        + "', which @Axis cannot sweep. Use double, int, long, String, boolean or an enum." + didYouMean(suggestion), o);
  }

  static Diagnostic axisTypeMismatch(Origin o, String component, String type, String attribute, String fix) {
    return error(Code.AxisTypeMismatch, "Component '" + component + "' is " + type + ", but its @Axis sets '"
        + attribute + "'. " + fix, o);
  }

  static Diagnostic axisAttributeConflict(Origin o, String component, List<String> attributes, String fix) {
    return error(Code.AxisAttributeConflict, "@Axis on '" + component + "' sets " + quotedAnd(attributes) + ". "
        + "Set exactly one: " + fix, o);
  }

  static Diagnostic emptyAxis(Origin o, String component, String example) {
    return error(Code.EmptyAxis, "@Axis on '" + component + "' lists no values. "
        + "List at least one: " + example + ".", o);
  }

  static Diagnostic duplicateAxisValue(Origin o, String component, String value) {
    return error(Code.DuplicateAxisValue, "@Axis on '" + component + "' lists " + value + " more than once. "
        + "List each value once.", o);
  }

  static Diagnostic unknownEnumConstant(
      Origin o, String value, String enumType, List<String> constants, Optional<String> suggestion) {
    return error(Code.UnknownEnumConstant, "'" + value + "' is not a constant of enum " + enumType + ". "
        + (suggestion.isPresent() ? "Did you mean '" + suggestion.get() + "'?" : "Use one of " + list(constants) + "."), o);
  }

  static Diagnostic nonFiniteValue(Origin o, String component, String value) {
    return error(Code.NonFiniteValue, "@Axis on '" + component + "' lists " + value + ". "
        + "Only finite doubles can reach jsonnet and TOML: remove it.", o);
  }

  static Diagnostic inexactLong(Origin o, String component, long value) {
    return error(Code.InexactLong, "@Axis on '" + component + "' lists " + value + "L, which the template cannot "
        + "receive exactly: " + JsonnetLiterals.NUMBERS_ARE_DOUBLES + ". Use values within +-2^53 ("
        + JsonnetLiterals.EXACT_LIMIT + "), or a String.", o);
  }

  static Diagnostic badTlaName(Origin o, String tla, String component) {
    return error(Code.BadTlaName, "'" + tla + "' (the tla of component '" + component + "') is not a jsonnet "
        + "identifier. Use letters, digits and '_', not starting with a digit.", o);
  }

  static Diagnostic duplicateTla(Origin o, String tla, String component, String other) {
    return error(Code.DuplicateTla, "Components '" + other + "' and '" + component + "' both fill '" + tla + "'. "
        + "Give one of them another name or another @Axis(tla = ...).", o);
  }

  // ---- the template

  static Diagnostic templateNotFound(Origin o, String resource, List<String> lookedIn, Optional<String> suggestion) {
    return error(Code.TemplateNotFound, "Template '" + resource + "' was not found. Looked in "
        + (lookedIn.isEmpty() ? "nothing" : String.join(", ", lookedIn)) + ". "
        + "Put it in src/main/resources, or pass -Ahyper.jsonnetRoot=DIR." + didYouMean(suggestion), o);
  }

  static Diagnostic templateSyntax(Origin o, String resource, String kind, String where) {
    return error(Code.TemplateSyntax, "Template '" + resource + "' does not compile: " + where + " (" + kind + "). "
        + "Fix the template; Hyper checks it at compile time.", o);
  }

  static Diagnostic templateNotAFunction(Origin o, String resource, String valueKind) {
    return error(Code.TemplateNotAFunction, "The top level of '" + resource + "' is " + valueKind
        + ", not a function, so it takes no parameters. Make it 'function(lr=0.001, ...) { ... }'.", o);
  }

  static Diagnostic templateRenderFailed(Origin o, String resource, String point, String error) {
    return error(Code.TemplateRenderFailed, "Template '" + resource + "' fails for the first grid point ("
        + point + "): " + error + ". Fix the template or the axis values.", o);
  }

  // ---- trainer and SLURM

  static Diagnostic trainerWrongType(Origin o, String trainer, String record, String actual) {
    return error(Code.TrainerWrongType, "Trainer '" + trainer + "' does not implement Trainer<" + record + ">"
        + (actual.isEmpty() ? "" : " (it implements " + actual + ")") + ". "
        + "Declare it 'implements Trainer<" + record + ">'.", o);
  }

  static Diagnostic trainerNotInstantiable(Origin o, String trainer, String why) {
    return error(Code.TrainerNotInstantiable, "Trainer '" + trainer + "' " + why + ". "
        + "Hyper creates it with 'new " + trainer + "()': make it a public, non-abstract, top-level or static "
        + "class with a public no-argument constructor.", o);
  }

  static Diagnostic badSlurmTime(Origin o, String time) {
    return error(Code.BadSlurmTime, "@Slurm time '" + time + "' is not a SLURM time. "
        + "Use " + SLURM_TIME_FORMATS + ", e.g. '1-00:00:00' or '90'.", o);
  }

  static Diagnostic badSlurmCount(Origin o, String attribute, int value) {
    return error(Code.BadSlurmCount, "@Slurm " + attribute + " = " + value + " is negative. "
        + "Use 0 for unset, or a positive number.", o);
  }

  static Diagnostic badSlurmSignal(Origin o, int value) {
    return error(Code.BadSlurmSignal, "@Slurm signal = " + value + " is not a number of seconds SLURM accepts. "
        + "Use 0 for no warning before the time limit, or 1 to " + dev.hyper.runtime.SlurmSettings.MAX_SIGNAL
        + " seconds.", o);
  }

  // ---- the processor itself

  public static Diagnostic unresolvedType(Origin o, String type, String role, String record) {
    return error(Code.UnresolvedType, "'" + type + "', " + role + " of " + record + ", could not be resolved. "
        + "Hyper generated nothing for " + record + "; if that type is generated, look for earlier errors.", o);
  }

  public static Diagnostic internalError(Origin o, String record, Throwable t) {
    StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    return error(Code.InternalError, "Processing " + record + " failed: " + t
        + (top == null ? "" : " at " + top) + ". This is a Hyper bug, not yours: please report it with this "
        + "message. Generated nothing for " + record + ".", o);
  }

  // ---- helpers

  private static String didYouMean(Optional<String> suggestion) {
    return suggestion.map(s -> " Did you mean '" + s + "'?").orElse("");
  }

  /** Up to 5 names, quoted, then "..." */
  static String list(List<String> names) {
    return Suggest.quotedList(names);
  }

  private static String quotedAnd(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      s.append(i == 0 ? "" : i == names.size() - 1 ? " and " : ", ").append('\'').append(names.get(i)).append('\'');
    }
    return s.toString();
  }
}
