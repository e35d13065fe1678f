package dev.hyper.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.hyper.processor.model.AxisModel;
import dev.hyper.processor.model.ComponentType;
import dev.hyper.processor.model.Origin;
import dev.hyper.processor.model.ParamModel;
import dev.hyper.processor.model.HalvingModel;
import dev.hyper.processor.model.SlurmModel;
import dev.hyper.processor.model.Span;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.processor.model.Template;
import dev.hyper.processor.model.TrainerModel;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.check.TlaNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @Sweep} type into a {@link SweepModel}, through annotation mirrors only. */
public final class SweepReader {
  static final String SWEEP = "dev.hyper.Sweep";
  static final String AXIS = "dev.hyper.Axis";
  static final String TRAINER = "dev.hyper.runtime.Trainer";
  /** The value attributes of {@code @Axis}, in declaration order. */
  private static final List<String> AXIS_ATTRIBUTES = List.of(
      "doubles", "ints", "longs", "strings", "booleans", "range", "logRange", "uniform", "logUniform");

  private final Elements elements;
  private final Types types;
  private final TlaReader tlaReader;

  public SweepReader(Elements elements, Types types, TlaReader tlaReader) {
    this.elements = elements;
    this.types = types;
    this.tlaReader = tlaReader;
  }

  /**
   * Reads {@code type}.
   *
   * @throws Deferred while a component or trainer type is unresolved
   * @throws AlreadyReported when javac reports the annotation's problem itself
   */
  public SweepModel read(TypeElement type) throws Deferred, AlreadyReported {
    AnnotationMirror sweep = Mirrors.find(type, SWEEP)
        .orElseThrow(() -> new AlreadyReported("no @Sweep on " + type));
    Origin origin = Origin.of(type).at(sweep);

    AnnotationValue nameValue = Mirrors.explicit(sweep, "name");
    if (nameValue == null || !(nameValue.getValue() instanceof String name)) {
      throw new AlreadyReported("@Sweep(name) missing");
    }
    AnnotationValue configValue = Mirrors.explicit(sweep, "config");
    String config = configValue != null && configValue.getValue() instanceof String s ? s : "";
    AnnotationValue trialsValue = Mirrors.explicit(sweep, "trials");
    int trials = trialsValue != null && trialsValue.getValue() instanceof Integer i ? i : 1;
    AnnotationValue samplesValue = Mirrors.explicit(sweep, "samples");
    int samples = samplesValue != null && samplesValue.getValue() instanceof Integer i ? i : 0;
    AnnotationValue seedValue = Mirrors.explicit(sweep, "seed");
    long seed = seedValue != null && seedValue.getValue() instanceof Long l ? l : 0L;
    AnnotationValue metricValue = Mirrors.explicit(sweep, "metric");
    String metric = metricValue != null && metricValue.getValue() instanceof String s ? s : "";
    AnnotationValue goalValue = Mirrors.explicit(sweep, "goal");
    String goal = goalValue != null && goalValue.getValue() instanceof VariableElement v
        ? v.getSimpleName().toString() : SweepModel.GOAL_UNSET;

    AnnotationValue lazyValue = Mirrors.explicit(sweep, "lazy");
    AnnotationValue jvmArgsValue = Mirrors.explicit(sweep, "jvmArgs");
    List<String> jvmArgs = new ArrayList<>();
    if (jvmArgsValue != null && jvmArgsValue.getValue() instanceof List<?> values) {
      for (Object v : values) {
        if (v instanceof AnnotationValue a && a.getValue() instanceof String s) {
          jvmArgs.add(s);
        }
      }
    }

    boolean isRecord = type.getKind() == ElementKind.RECORD;
    ClassName className = className(type);
    List<ParamModel> params = isRecord ? readParams(type) : List.of();
    Optional<TrainerModel> trainer = readTrainer(type, sweep, origin);
    Template template = isRecord && !config.isEmpty()
        ? tlaReader.read(config)
        : config.isEmpty() ? new Template.None() : new Template.NotFound(config, List.of(), List.of());

    return new SweepModel(
        className,
        declaredAs(type),
        unsupportedReason(type),
        name,
        template,
        trials,
        readSlurm(sweep, origin),
        trainer,
        params,
        origin,
        origin.at(nameValue),
        origin.at(configValue),
        origin.at(trialsValue),
        samples,
        seed,
        seedValue != null,
        origin.at(samplesValue),
        origin.at(seedValue),
        jvmArgs,
        origin.at(jvmArgsValue),
        metric,
        goal,
        origin.at(metricValue),
        origin.at(goalValue),
        readHalving(sweep, origin),
        lazyValue != null && Boolean.TRUE.equals(lazyValue.getValue()));
  }

  private static Optional<HalvingModel> readHalving(AnnotationMirror sweep, Origin sweepOrigin) {
    AnnotationValue value = Mirrors.explicit(sweep, "halving");
    if (value == null || !(value.getValue() instanceof AnnotationMirror halving)) {
      return Optional.empty();
    }
    Origin origin = Origin.of(sweepOrigin.element()).at(halving);
    AnnotationValue goalValue = Mirrors.explicit(halving, "goal");
    AnnotationValue resourceValue = Mirrors.explicit(halving, "resource");
    return Optional.of(new HalvingModel(
        string(halving, "metric"),
        goalValue != null && goalValue.getValue() instanceof VariableElement v
            ? v.getSimpleName().toString() : SweepModel.GOAL_UNSET,
        resourceValue != null && resourceValue.getValue() instanceof String s ? s : HalvingSettings.STEP,
        longValue(halving, "min", 1),
        longValue(halving, "max", 0),
        integer(halving, "reduction", 3),
        origin,
        origin.at(Mirrors.explicit(halving, "metric")),
        origin.at(goalValue),
        origin.at(resourceValue)));
  }

  private static long longValue(AnnotationMirror m, String name, long absent) {
    AnnotationValue v = Mirrors.explicit(m, name);
    return v != null && v.getValue() instanceof Number n ? n.longValue() : absent;
  }

  private static ClassName className(TypeElement type) {
    List<String> names = new ArrayList<>();
    Element e = type;
    while (e instanceof TypeElement t) {
      names.add(0, t.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    while (e != null && e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement(); // a local type: only its own name matters for messages
    }
    String pkg = e == null ? "" : ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
    return ClassName.get(pkg, names.get(0), names.subList(1, names.size()).toArray(String[]::new));
  }

  private static String declaredAs(TypeElement type) {
    return switch (type.getKind()) {
      case RECORD -> "record";
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      default -> "class";
    };
  }

  private static String unsupportedReason(TypeElement type) {
    if (!type.getTypeParameters().isEmpty()) {
      return "it is generic";
    }
    Element e = type;
    while (e instanceof TypeElement t) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return "it is declared inside a method";
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return t == type ? "it is private" : "it is nested in private " + t.getSimpleName();
      }
      e = e.getEnclosingElement();
    }
    return "";
  }

  private List<ParamModel> readParams(TypeElement record) throws Deferred, AlreadyReported {
    List<ParamModel> params = new ArrayList<>();
    List<javax.lang.model.element.VariableElement> fields = ElementFilter.fieldsIn(record.getEnclosedElements());
    for (RecordComponentElement component : record.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      Element field = fields.stream()
          .filter(f -> f.getSimpleName().contentEquals(name) && !f.getModifiers().contains(Modifier.STATIC))
          .findFirst()
          .map(Element.class::cast)
          .orElse(component);
      Origin origin = Origin.of(field);
      ComponentType type = componentType(component.asType(), name);
      Optional<AnnotationMirror> axisMirror = Mirrors.find(field, AXIS).or(() -> Mirrors.find(component, AXIS));
      Optional<AxisModel> axis = axisMirror.isPresent()
          ? Optional.of(readAxis(axisMirror.get(), origin.at(axisMirror.get())))
          : Optional.empty();
      String tla = axis.map(AxisModel::tla).filter(t -> !t.isEmpty()).orElse(TlaNames.snakeCase(name));
      params.add(new ParamModel(name, tla, type, axis, origin));
    }
    return params;
  }

  private ComponentType componentType(TypeMirror type, String component) throws Deferred {
    switch (type.getKind()) {
      case DOUBLE:
        return ComponentType.of(Param.Kind.DOUBLE, TypeName.DOUBLE, "double", List.of());
      case INT:
        return ComponentType.of(Param.Kind.INT, TypeName.INT, "int", List.of());
      case LONG:
        return ComponentType.of(Param.Kind.LONG, TypeName.LONG, "long", List.of());
      case BOOLEAN:
        return ComponentType.of(Param.Kind.BOOLEAN, TypeName.BOOLEAN, "boolean", List.of());
      case ERROR:
        throw new Deferred(type.toString(), "the type of component '" + component + "'");
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getQualifiedName().contentEquals("java.lang.String")) {
          return ComponentType.of(Param.Kind.STRING, ClassName.get(String.class), "String", List.of());
        }
        if (element.getKind() == ElementKind.ENUM) {
          List<String> constants = element.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
              .map(e -> e.getSimpleName().toString())
              .toList();
          return ComponentType.of(Param.Kind.ENUM, ClassName.get(element), display(type), constants);
        }
        return ComponentType.unsupported(display(type));
      default:
        return ComponentType.unsupported(display(type));
    }
  }

  /** A type with simple names, e.g. {@code List<Integer>}, {@code Outer.Mode}, {@code int[]}. */
  static String display(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      StringBuilder s = new StringBuilder();
      Element e = declared.asElement();
      List<String> names = new ArrayList<>();
      while (e instanceof TypeElement t) {
        names.add(0, t.getSimpleName().toString());
        e = e.getEnclosingElement();
      }
      s.append(String.join(".", names));
      if (!declared.getTypeArguments().isEmpty()) {
        s.append('<');
        for (int i = 0; i < declared.getTypeArguments().size(); i++) {
          s.append(i == 0 ? "" : ", ").append(display(declared.getTypeArguments().get(i)));
        }
        s.append('>');
      }
      return s.toString();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return display(((javax.lang.model.type.ArrayType) type).getComponentType()) + "[]";
    }
    return type.toString();
  }

  /** The Java type javac gives each element of an {@code @Axis} attribute; anything else is javac's error. */
  private static Class<?> elementType(String attribute) {
    return switch (attribute) {
      case "doubles" -> Double.class;
      case "ints" -> Integer.class;
      case "longs" -> Long.class;
      case "booleans" -> Boolean.class;
      default -> String.class;
    };
  }

  private AxisModel readAxis(AnnotationMirror mirror, Origin origin) throws AlreadyReported {
    List<String> attributes = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<Origin> valueOrigins = new ArrayList<>();
    Origin attributeOrigin = origin;
    Optional<Span> span = Optional.empty();
    for (String attribute : AXIS_ATTRIBUTES) {
      AnnotationValue value = Mirrors.explicit(mirror, attribute);
      if (value == null) {
        continue;
      }
      attributes.add(attribute);
      Span.Kind spanKind = Span.Kind.of(attribute);
      if (spanKind != null) {
        if (!(value.getValue() instanceof AnnotationMirror nested)) {
          throw new AlreadyReported("@Axis(" + attribute + ") = " + value);
        }
        if (attributes.size() == 1) {
          attributeOrigin = origin.at(value);
          span = Optional.of(readSpan(spanKind, nested, attributeOrigin));
        }
        continue;
      }
      if (!(value.getValue() instanceof List<?> list)) {
        throw new AlreadyReported("@Axis(" + attribute + ") = " + value);
      }
      for (Object element : list) {
        Object v = element instanceof AnnotationValue av ? av.getValue() : null;
        if (!elementType(attribute).isInstance(v)) {
          throw new AlreadyReported("@Axis(" + attribute + ") element " + element);
        }
        if (attributes.size() == 1) {
          values.add(v);
          valueOrigins.add(origin.at((AnnotationValue) element));
        }
      }
      if (attributes.size() == 1) {
        attributeOrigin = origin.at(value);
      }
    }
    AnnotationValue tlaValue = Mirrors.explicit(mirror, "tla");
    String tla = tlaValue != null && tlaValue.getValue() instanceof String s ? s : "";
    AnnotationValue groupValue = Mirrors.explicit(mirror, "group");
    String group = groupValue != null && groupValue.getValue() instanceof String s ? s : "";
    return new AxisModel(attributes, values, valueOrigins, tla, origin, attributeOrigin, origin.at(tlaValue),
        span, group, origin.at(groupValue));
  }

  private static Span readSpan(Span.Kind kind, AnnotationMirror nested, Origin origin) throws AlreadyReported {
    boolean distribution = kind.isDistribution();
    double from = number(nested, distribution ? "min" : "from");
    double to = number(nested, distribution ? "max" : "to");
    double step = kind == Span.Kind.RANGE ? number(nested, "step") : 0;
    int count = distribution ? 0 : (int) number(nested, "count");
    return new Span(kind, from, to, step, count, origin);
  }

  /** A number member of a nested annotation; 0 when left at its default, javac's error when missing. */
  private static double number(AnnotationMirror m, String name) throws AlreadyReported {
    AnnotationValue v = Mirrors.explicit(m, name);
    if (v == null) {
      if (name.equals("step") || name.equals("count")) {
        return 0;
      }
      throw new AlreadyReported("@" + m.getAnnotationType() + "(" + name + ") missing");
    }
    if (v.getValue() instanceof Number n) {
      return n.doubleValue();
    }
    throw new AlreadyReported("@" + m.getAnnotationType() + "(" + name + ") = " + v);
  }

  private SlurmModel readSlurm(AnnotationMirror sweep, Origin sweepOrigin) {
    AnnotationValue slurmValue = Mirrors.explicit(sweep, "slurm");
    if (slurmValue == null || !(slurmValue.getValue() instanceof AnnotationMirror slurm)) {
      return new SlurmModel("", "", "", 0, "", "", 0, SlurmSettings.DEFAULT_SIGNAL, SlurmSettings.DEFAULT_MAX_REQUEUES,
          sweepOrigin, sweepOrigin, sweepOrigin, sweepOrigin, sweepOrigin, sweepOrigin);
    }
    Origin origin = Origin.of(sweepOrigin.element()).at(slurm);
    return new SlurmModel(
        string(slurm, "qos"),
        string(slurm, "time"),
        string(slurm, "partition"),
        integer(slurm, "cpus"),
        string(slurm, "mem"),
        string(slurm, "gres"),
        integer(slurm, "maxParallel"),
        integer(slurm, "signal", SlurmSettings.DEFAULT_SIGNAL),
        integer(slurm, "maxRequeues", SlurmSettings.DEFAULT_MAX_REQUEUES),
        origin,
        origin.at(Mirrors.explicit(slurm, "time")),
        origin.at(Mirrors.explicit(slurm, "cpus")),
        origin.at(Mirrors.explicit(slurm, "maxParallel")),
        origin.at(Mirrors.explicit(slurm, "signal")),
        origin.at(Mirrors.explicit(slurm, "maxRequeues")));
  }

  private static String string(AnnotationMirror m, String name) {
    AnnotationValue v = Mirrors.explicit(m, name);
    return v != null && v.getValue() instanceof String s ? s : "";
  }

  private static int integer(AnnotationMirror m, String name) {
    return integer(m, name, 0);
  }

  private static int integer(AnnotationMirror m, String name, int absent) {
    AnnotationValue v = Mirrors.explicit(m, name);
    return v != null && v.getValue() instanceof Integer i ? i : absent;
  }

  private Optional<TrainerModel> readTrainer(TypeElement record, AnnotationMirror sweep, Origin sweepOrigin)
      throws Deferred, AlreadyReported {
    AnnotationValue value = Mirrors.explicit(sweep, "trainer");
    if (value == null) {
      return Optional.empty();
    }
    Origin origin = sweepOrigin.at(value);
    Object v = value.getValue();
    if (!(v instanceof TypeMirror type)) {
      throw new AlreadyReported("@Sweep(trainer) unresolved: " + v);
    }
    if (type.getKind() == TypeKind.VOID) {
      return Optional.empty();
    }
    if (type.getKind() == TypeKind.ERROR) {
      throw new Deferred(type.toString(), "the trainer");
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.of(new TrainerModel(
          ClassName.OBJECT, display(type), false, false, false, false, false, false, "", origin));
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    boolean isClass = element.getKind() == ElementKind.CLASS;
    boolean accessible = true;
    for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      accessible &= t.getModifiers().contains(Modifier.PUBLIC);
    }
    boolean inner = element.getNestingKind() == NestingKind.MEMBER && !element.getModifiers().contains(Modifier.STATIC);
    boolean noArg = ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
    DeclaredType trainerSuper = findTrainer(element.asType());
    boolean matches = trainerSuper != null
        && trainerSuper.getTypeArguments().size() == 1
        && types.isSameType(trainerSuper.getTypeArguments().get(0), record.asType());
    return Optional.of(new TrainerModel(
        ClassName.get(element),
        display(types.erasure(element.asType())),
        isClass,
        element.getModifiers().contains(Modifier.ABSTRACT),
        accessible,
        inner,
        noArg,
        matches,
        trainerSuper == null ? "" : display(trainerSuper),
        origin));
  }

  private DeclaredType findTrainer(TypeMirror type) {
    for (TypeMirror s : types.directSupertypes(type)) {
      if (s instanceof DeclaredType d) {
        if (((TypeElement) d.asElement()).getQualifiedName().contentEquals(TRAINER)) {
          return d;
        }
        DeclaredType deeper = findTrainer(s);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    return null;
  }
}
