package dev.hyper.runtime.check;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.jsonnet.TemplateFit;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a sweep record's components against its template's top-level parameters: every component
 * names a parameter ({@code UnknownTla}, with a near-miss suggestion), every parameter without a
 * default is filled ({@code MissingTla}), both by {@link TemplateFit}'s rule, and literal defaults agree
 * with the component's type ({@code TlaTypeMismatch}).
 *
 * <p>The one check of a template's fit and the one source of these texts: the processor reports them as
 * javac errors, and the runtime ({@link #require}) before it renders anything with a template, since
 * Maven does not recompile when only the {@code .jsonnet} changed: {@code sweep} and {@code show} on the
 * template in the jar, {@code run} and {@code verify} on an experiment's. Pure; prints nothing.
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
    TemplateFit fit = new TemplateFit(template);
    List<String> names = fit.names();
    Set<String> supplied = new HashSet<>();
    List<Problem> out = new ArrayList<>();
    for (ParamDecl p : params) {
      supplied.add(p.tla());
      Optional<TemplateParam> parameter = fit.parameter(p.tla());
      if (parameter.isEmpty()) {
        out.add(unknownTla(p, resource, names, Suggest.nearest(p.tla(), names)));
        continue;
      }
      TemplateParam t = parameter.get();
      DefaultKind expected = p.kind() == null ? null
          : p.kind() == Param.Kind.BOOLEAN ? DefaultKind.BOOLEAN
          : p.kind().isString() ? DefaultKind.STRING
          : DefaultKind.NUMBER;
      if (expected != null && CHECKED.contains(t.defaultKind()) && t.defaultKind() != expected) {
        out.add(tlaTypeMismatch(p, t, resource));
      }
    }
    for (String name : fit.missing(supplied)) {
      out.add(missingTla(resource, name, record));
    }
    return out;
  }

  /** {@link #check} for a sweep of a jar and its loaded template. */
  public static List<Problem> check(SweepSpec<?> spec, JsonnetTemplate template) {
    List<ParamDecl> params = spec.grid().params().stream().map(ParamDecl::of).collect(Collectors.toList());
    return check(params, template.parameters(), spec.template().orElse(template.name()), display(spec.type()));
  }

  /**
   * Checks that {@code template} fits {@code spec}: what the runtime does before it renders with a
   * template ({@code render.ExperimentRenderer}) and what {@code show} does.
   *
   * @throws HyperException with one {@code [hyper/Code] ...} line per mismatch, worded as javac words them
   */
  public static void require(SweepSpec<?> spec, JsonnetTemplate template) throws HyperException {
    List<Problem> problems = check(spec, template);
    if (!problems.isEmpty()) {
      throw new HyperException(problems.stream().map(Problem::line).collect(Collectors.joining("\n")));
    }
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
        TemplateFit.notAParameter(what) + " in " + resource + ". " + fix,
        Problem.Target.TLA, component);
  }

  static Problem missingTla(String resource, String tla, String record) {
    return new Problem("MissingTla", resource + " " + TemplateFit.needs(tla) + ", but " + record
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
