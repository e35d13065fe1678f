package dev.hyper.processor.validation;

import dev.hyper.processor.model.AxisModel;
import dev.hyper.processor.model.HalvingModel;
import dev.hyper.processor.model.AxisAttributes;
import dev.hyper.processor.model.Origin;
import dev.hyper.processor.model.ParamModel;
import dev.hyper.processor.model.SlurmModel;
import dev.hyper.processor.model.Span;
import dev.hyper.processor.model.Spans;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.processor.model.Template;
import dev.hyper.processor.model.TrainerModel;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.check.ParamDecl;
import dev.hyper.runtime.check.Problem;
import dev.hyper.runtime.check.Suggest;
import dev.hyper.runtime.check.TemplateCheck;
import dev.hyper.runtime.jsonnet.JsonnetLiterals;
import dev.hyper.runtime.plan.SweepNames;
import dev.hyper.runtime.space.Axes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link SweepModel}. Pure: it prints nothing and returns every problem of the record.
 * The only outside call is the template's {@link Template.Renderer}, once, when all else is valid.
 */
public final class SweepValidator {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Map<String, String> BOXED = Map.of(
      "Double", "double", "Integer", "int", "Long", "long", "Boolean", "boolean",
      "Float", "double", "Short", "int", "Byte", "int", "CharSequence", "String");

  /**
   * @param model the record
   * @param earlierSweeps sweep names already taken in this compilation, to the record that took them
   */
  public List<Diagnostic> validate(SweepModel model, Map<String, String> earlierSweeps) {
    List<Diagnostic> out = new ArrayList<>();
    if (!model.isRecord()) {
      out.add(Messages.notARecord(model.origin(), model.simpleName(), model.declaredAs()));
      return out;
    }
    if (!model.unsupportedReason().isEmpty()) {
      out.add(Messages.unsupportedRecord(model.origin(), model.simpleName(), model.unsupportedReason()));
    }
    checkName(model, earlierSweeps, out);
    for (String a : model.jvmArgs()) {
      if (a.isEmpty() || a.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        out.add(Messages.badJvmArg(model.jvmArgsOrigin(), a));
      }
    }
    if (model.trials() < 1) {
      out.add(Messages.badTrials(model.trialsOrigin(), model.trials()));
    }
    checkMetric(model, out);
    model.halving().ifPresent(h -> checkHalving(h, out));
    checkSlurm(model.slurm(), out);
    model.trainer().ifPresent(t -> checkTrainer(t, model.simpleName(), out));

    boolean axesValid = true;
    for (ParamModel p : model.params()) {
      axesValid &= checkAxis(p, !(model.template() instanceof Template.None), out);
    }
    checkTlaNames(model, out);
    int before = out.size();
    checkSearch(model, axesValid, out);
    if (axesValid && out.size() == before) {
      checkGridSize(model, out);
    }
    if (axesValid && out.size() == before) {
      model.halving().ifPresent(h -> checkHalvingSpace(model, h, out));
    }
    boolean templateValid = checkTemplate(model, out);
    if (out.isEmpty() && templateValid && model.template() instanceof Template.Function f) {
      renderOnce(model, f, out);
    }
    return out;
  }

  // ---- @Sweep

  private static void checkName(SweepModel model, Map<String, String> earlier, List<Diagnostic> out) {
    String name = model.name();
    if (!SweepNames.isValid(name)) {
      out.add(Messages.badSweepName(model.nameOrigin(), name, SweepNames.suggestion(name)));
      return;
    }
    String other = earlier.get(name);
    if (other != null && !other.equals(model.record().canonicalName())) {
      out.add(Messages.duplicateSweepName(model.nameOrigin(), name, other));
    }
  }

  private static void checkSlurm(SlurmModel slurm, List<Diagnostic> out) {
    if (!slurm.time().isEmpty() && !dev.hyper.runtime.SlurmSettings.isValidTime(slurm.time())) {
      out.add(Messages.badSlurmTime(slurm.timeOrigin(), slurm.time()));
    }
    if (slurm.cpus() < 0) {
      out.add(Messages.badSlurmCount(slurm.cpusOrigin(), "cpus", slurm.cpus()));
    }
    if (slurm.maxParallel() < 0) {
      out.add(Messages.badSlurmCount(slurm.maxParallelOrigin(), "maxParallel", slurm.maxParallel()));
    }
    if (slurm.maxRequeues() < 0) {
      out.add(Messages.badSlurmCount(slurm.maxRequeuesOrigin(), "maxRequeues", slurm.maxRequeues()));
    }
    if (slurm.signal() < 0 || slurm.signal() > dev.hyper.runtime.SlurmSettings.MAX_SIGNAL) {
      out.add(Messages.badSlurmSignal(slurm.signalOrigin(), slurm.signal()));
    }
  }

  private static void checkTrainer(TrainerModel t, String record, List<Diagnostic> out) {
    if (!t.implementsTrainerForRecord()) {
      out.add(Messages.trainerWrongType(t.origin(), t.display(), record, t.trainerTypeArgument()));
    }
    String why = !t.isClass() ? "is not a class"
        : t.isAbstract() ? "is abstract"
        : !t.isAccessible() ? "is not public"
        : t.isInnerClass() ? "is an inner (non-static) class"
        : !t.hasPublicNoArgConstructor() ? "has no public no-argument constructor"
        : "";
    if (!why.isEmpty()) {
      out.add(Messages.trainerNotInstantiable(t.origin(), t.display(), why));
    }
  }

  // ---- components

  /** Returns whether the component's values are usable (for grid size and rendering). */
  private static boolean checkAxis(ParamModel p, boolean hasTemplate, List<Diagnostic> out) {
    if (!p.isSupported()) {
      String type = p.type().display();
      out.add(Messages.unsupportedType(p.origin(), p.component(), type, Optional.ofNullable(BOXED.get(type))));
      return false;
    }
    Param.Kind kind = p.kind();
    if (p.axis().isEmpty()) {
      out.add(Messages.missingAxis(p.origin(), p.component(), example(p)));
      return false;
    }
    AxisModel axis = p.axis().get();
    if (axis.attributes().size() > 1) {
      out.add(Messages.axisAttributeConflict(axis.origin(), p.component(), axis.attributes(), rightAttribute(p)));
      return false;
    }
    if (axis.attributes().size() == 1 && !AxisAttributes.allowed(kind).contains(axis.attributes().get(0))) {
      String attribute = axis.attributes().get(0);
      Span.Kind span = Span.Kind.of(attribute);
      String fix = span == null ? "Use " + rightAttribute(p)
          : "'" + attribute + "' makes doubles" + (span == Span.Kind.RANGE ? ", ints or longs" : "") + ". Use "
              + (kind == Param.Kind.INT || kind == Param.Kind.LONG
                  ? "'" + AxisAttributes.values(kind) + "' or 'range' for " + typeWord(p) + " component."
                  : rightAttribute(p));
      out.add(Messages.axisTypeMismatch(axis.attributeOrigin(), p.component(), typeWord(p), attribute, fix));
      return false;
    }
    if (axis.span().isPresent()) {
      return checkSpan(p, axis.span().get(), out);
    }
    List<Object> values = axis.values();
    if (values.isEmpty()) {
      if (kind == Param.Kind.ENUM) {
        return !p.type().enumConstants().isEmpty() || emptyEnum(p, axis, out);
      }
      out.add(Messages.emptyAxis(axis.attributeOrigin(), p.component(), example(p)));
      return false;
    }
    boolean valid = true;
    Set<Object> seen = new HashSet<>();
    Set<Object> reported = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      Origin at = axis.valueOrigins().get(i);
      if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
        out.add(Messages.nonFiniteValue(at, p.component(), d.toString()));
        valid = false;
        continue;
      }
      if (hasTemplate && v instanceof Long l && !JsonnetLiterals.exactInJsonnet(l)) {
        out.add(Messages.inexactLong(at, p.component(), l));
        valid = false;
        continue;
      }
      if (kind == Param.Kind.ENUM && !p.type().enumConstants().contains((String) v)) {
        out.add(Messages.unknownEnumConstant(at, (String) v, p.type().display(), p.type().enumConstants(),
            Suggest.nearest((String) v, p.type().enumConstants())));
        valid = false;
        continue;
      }
      if (!seen.add(v) && reported.add(v)) {
        out.add(Messages.duplicateAxisValue(at, p.component(), show(v, kind)));
        valid = false;
      }
    }
    return valid;
  }

  private static boolean checkSpan(ParamModel p, Span span, List<Diagnostic> out) {
    String attribute = span.kind().attribute();
    if (span.kind().isDistribution()) {
      String reason = !Double.isFinite(span.from()) || !Double.isFinite(span.to()) ? "min and max must be finite"
          : !(span.from() < span.to()) ? "min " + plain(span.from()) + " must be less than max " + plain(span.to())
          : span.kind() == Span.Kind.LOG_UNIFORM && !(span.from() > 0) ? "min " + plain(span.from())
              + " must be positive"
          : "";
      if (!reason.isEmpty()) {
        out.add(Messages.badDistribution(span.origin(), p.component(), attribute, reason));
        return false;
      }
      return true;
    }
    try {
      Spans.values(span, Param.Kind.DOUBLE);
    } catch (IllegalArgumentException e) {
      out.add(Messages.badRange(span.origin(), p.component(), attribute, e.getMessage(),
          span.kind() == Span.Kind.RANGE ? Messages.RANGE_FIX : Messages.LOG_RANGE_FIX));
      return false;
    }
    try {
      Spans.values(span, p.kind());
    } catch (IllegalArgumentException e) {
      out.add(Messages.badRange(span.origin(), p.component(), attribute, "it gives " + e.getMessage(),
          Messages.WHOLE_FIX));
      return false;
    }
    return true;
  }

  private static String plain(double v) {
    return dev.hyper.runtime.Spans.plain(v);
  }

  /** A dotted path of metrics.json: non-empty parts without spaces, control or format characters. */
  private static final java.util.regex.Pattern METRIC =
      java.util.regex.Pattern.compile("[^.\\s\\p{Z}\\p{C}]+(\\.[^.\\s\\p{Z}\\p{C}]+)*");

  /** metric and goal: both or neither, and the metric a dotted path. */
  private static void checkMetric(SweepModel model, List<Diagnostic> out) {
    boolean goal = !model.goal().equals(SweepModel.GOAL_UNSET);
    if (model.metric().isEmpty()) {
      if (goal) {
        out.add(Messages.goalWithoutMetric(model.goalOrigin(), model.goal()));
      }
    } else if (!METRIC.matcher(model.metric()).matches()) {
      out.add(Messages.badMetricName(model.metricOrigin(), model.metric()));
    } else if (!goal) {
      out.add(Messages.metricWithoutGoal(model.metricOrigin(), model.metric()));
    }
  }

  /** A step-log key: no spaces or control characters, not the log's own {@code time} (nor {@code step} for a metric). */
  private static final java.util.regex.Pattern LOG_KEY = java.util.regex.Pattern.compile("[^\\s\\p{Cntrl}]+");

  private static void checkHalving(HalvingModel h, List<Diagnostic> out) {
    if (!LOG_KEY.matcher(h.metric()).matches() || h.metric().equals("step") || h.metric().equals("time")) {
      out.add(Messages.badHalvingKey(h.metricOrigin(), "metric", h.metric(), "validation_accuracy"));
    } else if (h.goal().equals(SweepModel.GOAL_UNSET)) {
      out.add(Messages.halvingWithoutGoal(h.origin(), h.metric()));
    }
    if (!LOG_KEY.matcher(h.resource()).matches() || h.resource().equals("time")) {
      out.add(Messages.badHalvingKey(h.resourceOrigin(), "resource", h.resource(), "epoch"));
    }
    List<String> numbers = dev.hyper.runtime.HalvingSettings.problems(h.min(), h.max(), h.reduction());
    if (!numbers.isEmpty()) {
      out.add(Messages.badHalvingNumbers(h.origin(), numbers));
    }
  }

  private static void checkHalvingSpace(SweepModel model, HalvingModel h, List<Diagnostic> out) {
    BigInteger points = model.points();
    if (points.multiply(BigInteger.valueOf(Math.max(1, model.trials()))).compareTo(BigInteger.TWO) < 0) {
      out.add(Messages.halvingNeedsSearch(h.origin(), model.simpleName(), points.toString(), model.trials()));
    }
  }

  /** samples and seed, distributions without random search, and groups. */
  private static void checkSearch(SweepModel model, boolean axesValid, List<Diagnostic> out) {
    if (model.samples() < 0) {
      out.add(Messages.badSamples(model.samplesOrigin(), model.samples()));
    } else if (model.samples() == 0 && model.seedSet()) {
      out.add(Messages.seedWithoutSamples(model.seedOrigin(), model.seed()));
    }
    Map<String, List<ParamModel>> groups = new LinkedHashMap<>();
    for (ParamModel p : model.params()) {
      if (p.isSampled() && model.samples() == 0) {
        out.add(Messages.distributionNeedsSamples(p.span().get().origin(), p.component(), p.span().get().display()));
      }
      if (!p.group().isEmpty()) {
        if (p.isSampled()) {
          out.add(Messages.sampledInGroup(p.axis().get().groupOrigin(), p.component(), p.span().get().display(),
              p.group()));
          continue;
        }
        groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p);
      }
    }
    for (Map.Entry<String, List<ParamModel>> g : groups.entrySet()) {
      List<ParamModel> members = g.getValue();
      if (members.size() == 1) {
        List<String> others = groups.keySet().stream().filter(n -> !n.equals(g.getKey())).toList();
        out.add(Messages.lonelyGroup(members.get(0).axis().get().groupOrigin(), g.getKey(),
            members.get(0).component(), Suggest.nearest(g.getKey(), others)));
      }
    }
    if (axesValid) {
      Axes space = model.space();
      for (Axes.Mismatch m : space.mismatches()) {
        out.add(Messages.groupSizeMismatch(model.params().get(m.other()).axis().get().groupOrigin(), m.group(),
            space.pairs(m)));
      }
    }
  }

  private static boolean emptyEnum(ParamModel p, AxisModel axis, List<Diagnostic> out) {
    out.add(Messages.emptyAxis(axis.origin(), p.component(), "enum " + p.type().display() + " has no constants"));
    return false;
  }

  private static String typeWord(ParamModel p) {
    return switch (p.kind()) {
      case INT -> "an int";
      case ENUM -> "enum " + p.type().display();
      default -> "a " + p.type().display();
    };
  }

  private static String example(ParamModel p) {
    return switch (p.kind()) {
      case DOUBLE -> "@Axis(doubles = {0.1, 0.2})";
      case INT -> "@Axis(ints = {1, 2})";
      case LONG -> "@Axis(longs = {1L, 2L})";
      case STRING -> "@Axis(strings = {\"a\", \"b\"})";
      case BOOLEAN -> "@Axis(booleans = {true, false})";
      case ENUM -> "@Axis (every constant) or @Axis(strings = {\"CONSTANT\"})";
    };
  }

  private static String rightAttribute(ParamModel p) {
    if (p.kind() == Param.Kind.ENUM) {
      return "'strings' naming constants of " + p.type().display() + ", or no values for all of them.";
    }
    return "'" + AxisAttributes.values(p.kind()) + "' for " + typeWord(p) + " component.";
  }

  /** A value as Java source spells it. */
  static String show(Object v, Param.Kind kind) {
    return switch (kind) {
      case STRING -> "\"" + v + "\"";
      case LONG -> v + "L";
      default -> String.valueOf(v);
    };
  }

  private static void checkTlaNames(SweepModel model, List<Diagnostic> out) {
    Map<String, String> owners = new LinkedHashMap<>();
    for (ParamModel p : model.params()) {
      if (!IDENTIFIER.matcher(p.tla()).matches()) {
        out.add(Messages.badTlaName(p.tlaOrigin(), p.tla(), p.component()));
        continue;
      }
      String other = owners.putIfAbsent(p.tla(), p.component());
      if (other != null) {
        out.add(Messages.duplicateTla(p.tlaOrigin(), p.tla(), p.component(), other));
      }
    }
  }

  private static void checkGridSize(SweepModel model, List<Diagnostic> out) {
    BigInteger points = model.points();
    BigInteger experiments = points.multiply(BigInteger.valueOf(Math.max(1, model.trials())));
    if (experiments.bitLength() > 63) {
      out.add(Messages.gridTooLarge(model.origin(), model.simpleName(), points.toString(), model.trials()));
    }
  }

  // ---- the template

  /** Returns whether the template is a function all components agree with. */
  private static boolean checkTemplate(SweepModel model, List<Diagnostic> out) {
    Origin at = model.configOrigin();
    String resource = model.config();
    Template template = model.template();
    if (template instanceof Template.NotFound nf) {
      out.add(Messages.templateNotFound(at, resource, nf.lookedIn(), Suggest.nearest(resource, nf.nearby())));
    } else if (template instanceof Template.Invalid inv) {
      out.add(Messages.templateSyntax(at, resource, inv.problem().kind(), inv.problem().oneLine()));
    } else if (template instanceof Template.NotAFunction naf) {
      out.add(Messages.templateNotAFunction(at, resource, naf.valueKind()));
    } else if (template instanceof Template.Function f) {
      return checkAgainst(model, f, out);
    }
    return false;
  }

  /** The name and type checks, shared with the launcher through {@link TemplateCheck}. */
  private static boolean checkAgainst(SweepModel model, Template.Function f, List<Diagnostic> out) {
    List<ParamDecl> decls = new ArrayList<>();
    Map<String, ParamModel> byComponent = new LinkedHashMap<>();
    for (ParamModel p : model.params()) {
      decls.add(new ParamDecl(p.component(), p.tla(), p.type().kind().orElse(null), p.type().display()));
      byComponent.put(p.component(), p);
    }
    List<Problem> problems = TemplateCheck.check(decls, f.params(), f.resource(), model.simpleName());
    for (Problem problem : problems) {
      Origin at = switch (problem.target()) {
        case TLA -> byComponent.get(problem.component()).tlaOrigin();
        case COMPONENT -> byComponent.get(problem.component()).origin();
        case TEMPLATE -> model.configOrigin();
      };
      out.add(Diagnostic.error(Code.valueOf(problem.code()), problem.text(), at));
    }
    return problems.isEmpty();
  }

  private static void renderOnce(SweepModel model, Template.Function f, List<Diagnostic> out) {
    Map<String, Object> tlas = new LinkedHashMap<>();
    for (ParamModel p : model.params()) {
      tlas.put(p.tla(), first(p));
    }
    f.renderer().tryRender(tlas).ifPresent(problem -> {
      StringBuilder point = new StringBuilder();
      model.params().forEach(p -> point.append(point.length() == 0 ? "" : ", ")
          .append(p.tla()).append('=').append(show(first(p), p.kind())));
      out.add(Messages.templateRenderFailed(model.configOrigin(), f.resource(), point.toString(), problem.oneLine()));
    });
  }

  /** A component's first value: its first listed value, or the lower bound of its distribution. */
  private static Object first(ParamModel p) {
    return p.isSampled() ? (Object) p.span().get().from() : p.sweptValues().get(0);
  }
}
