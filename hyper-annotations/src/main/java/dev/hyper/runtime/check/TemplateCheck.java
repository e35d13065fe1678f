package dev.hyper.runtime.check;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import dev.hyper.runtime.render.Templates;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a sweep record's components against its template's top-level parameters: every component
 * names a parameter ({@code UnknownTla}, with a near-miss suggestion), every parameter without a
 * default is filled ({@code MissingTla}), and literal defaults agree with the component's type
 * ({@code TlaTypeMismatch}).
 *
 * <p>The one source of these texts: the processor reports them as javac errors, and the launcher runs
 * the same check on the template in the jar before {@code sweep} or {@code show} does anything, since
 * Maven does not recompile when only the {@code .jsonnet} changed. Pure; prints nothing.
 */
public final class TemplateCheck {
  /** The default kinds the check compares; {@code null} and expressions are left alone. */
  private static final Set<DefaultKind> CHECKED =
      EnumSet.of(DefaultKind.NUMBER, DefaultKind.STRING, DefaultKind.BOOLEAN, DefaultKind.ARRAY, DefaultKind.OBJECT);

  private TemplateCheck() {}

  /**
   * Every mismatch, per component in order (an unknown name or a type mismatch), then every missing parameter.
   *
   * @param params the record's components
   * @param template the template's top-level parameters, in order
   * @param resource the template as {@code @Sweep(config)} names it, e.g. {@code rnn_model.jsonnet}
   * @param record the record's name with simple names, e.g. {@code RnnParams} or {@code Outer.Params}
   */
  public static List<Problem> check(List<ParamDecl> params, List<TemplateParam> template, String resource,
      String record) {
    Map<String, TemplateParam> byName = new LinkedHashMap<>();
    template.forEach(t -> byName.put(t.name(), t));
    List<String> names = List.copyOf(byName.keySet());
    Set<String> supplied = new HashSet<>();
    List<Problem> out = new ArrayList<>();
    for (ParamDecl p : params) {
      supplied.add(p.tla());
      TemplateParam t = byName.get(p.tla());
      if (t == null) {
        out.add(unknownTla(p, resource, names, Suggest.nearest(p.tla(), names)));
        continue;
      }
      DefaultKind expected = p.kind() == null ? null
          : p.kind() == Param.Kind.BOOLEAN ? DefaultKind.BOOLEAN
          : p.kind().isString() ? DefaultKind.STRING
          : DefaultKind.NUMBER;
      if (expected != null && CHECKED.contains(t.defaultKind()) && t.defaultKind() != expected) {
        out.add(tlaTypeMismatch(p, t, resource));
      }
    }
    for (TemplateParam t : template) {
      if (!t.hasDefault() && !supplied.contains(t.name())) {
        out.add(missingTla(resource, t.name(), record));
      }
    }
    return out;
  }

  /** {@link #check} for a sweep of a jar and its loaded template. */
  public static List<Problem> check(SweepSpec<?> spec, JsonnetTemplate template) {
    List<ParamDecl> params = spec.grid().params().stream().map(ParamDecl::of).collect(Collectors.toList());
    return check(params, template.parameters(), spec.template().orElse(template.name()), display(spec.type()));
  }

  /**
   * The sweep's template from the jar, checked against the record: what {@code sweep} and {@code show}
   * load. Empty when the sweep has no template.
   *
   * @throws HyperException if the template does not load, or with one {@code [hyper/Code] ...} line per
   *     mismatch, worded as javac words them
   */
  public static Optional<JsonnetTemplate> load(SweepSpec<?> spec) throws HyperException {
    Optional<JsonnetTemplate> template = Templates.load(spec);
    if (template.isPresent()) {
      List<Problem> problems = check(spec, template.get());
      if (!problems.isEmpty()) {
        throw new HyperException(problems.stream().map(Problem::line).collect(Collectors.joining("\n")));
      }
    }
    return template;
  }

  // ---- the texts (the processor prints exactly these)

  static Problem unknownTla(ParamDecl p, String resource, List<String> params, Optional<String> suggestion) {
    String tla = p.tla();
    String component = p.component();
    String what = !tla.equals(TlaNames.snakeCase(component)) ? "'" + tla + "' (the tla of component '" + component + "')"
        : tla.equals(component) ? "'" + tla + "'"
        : "'" + tla + "' (from component '" + component + "')";
    String fix = suggestion.isPresent()
        ? "Did you mean '" + suggestion.get() + "'?"
        : params.isEmpty() ? "The function takes no parameters."
        : "Its parameters are " + Suggest.quotedList(params) + "; rename the component or set @Axis(tla = ...).";
    return new Problem("UnknownTla",
        what + " is not a parameter of the top-level function in " + resource + ". " + fix,
        Problem.Target.TLA, component);
  }

  static Problem missingTla(String resource, String tla, String record) {
    return new Problem("MissingTla", resource + " needs '" + tla + "' (no default), but " + record
        + " has no component for it. Add a component '" + tla + "', or give '" + tla + "' a default in " + resource
        + ".", Problem.Target.TEMPLATE, null);
  }

  static Problem tlaTypeMismatch(ParamDecl p, TemplateParam t, String resource) {
    String literal = t.defaultLiteral() == null ? "" : t.defaultLiteral();
    String kind = article(t.defaultKind());
    return new Problem("TlaTypeMismatch", "Component '" + p.component() + "' is " + typeWord(p) + ", but '"
        + t.name() + "' in " + resource + " defaults to " + (literal.isEmpty() ? kind : literal + " (" + kind + ")")
        + ". Change the component's type or the template's default so they agree.",
        Problem.Target.COMPONENT, p.component());
  }

  /** How messages name a component's type: "a double", "an int", "enum Mode". */
  public static String typeWord(ParamDecl p) {
    if (p.kind() == Param.Kind.ENUM) {
      return "enum " + p.type();
    }
    return (p.type().equals("int") ? "an " : "a ") + p.type();
  }

  /** How messages name a default: "a number", "an object", ... */
  public static String article(DefaultKind kind) {
    return switch (kind) {
      case NUMBER -> "a number";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case EXPRESSION -> "an expression";
      case NONE -> "nothing";
    };
  }

  /** A class with simple names, as javac messages spell it: {@code double}, {@code String}, {@code Outer.Mode}. */
  static String display(Class<?> type) {
    if (type.isPrimitive()) {
      return type.getName();
    }
    StringBuilder s = new StringBuilder(type.getSimpleName());
    for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
      s.insert(0, c.getSimpleName() + ".");
    }
    return s.toString();
  }
}
