package dev.hyper.runtime.jsonnet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether top-level arguments fit a template's function: each names one of its parameters, and each
 * parameter without a default is given. The one rule behind {@link JsonnetTemplate#render}'s refusal and
 * the sweep check the processor and the launcher share ({@code check.TemplateCheck}: {@code UnknownTla},
 * {@code MissingTla}), with the core of their sentences; each caller adds what it knows (the component,
 * the record, the fix).
 */
public final class TemplateFit {
  private final List<TemplateParam> parameters;
  private final Map<String, TemplateParam> byName = new LinkedHashMap<>();

  /** The fit to a function with {@code parameters}, in order. */
  public TemplateFit(List<TemplateParam> parameters) {
    this.parameters = List.copyOf(parameters);
    this.parameters.forEach(p -> byName.putIfAbsent(p.name(), p));
  }

  /** The parameter called {@code name}, or empty when the function has none: the argument does not fit. */
  public Optional<TemplateParam> parameter(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The parameters' names, in order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The parameters without a default that {@code given} does not name, in order. */
  public List<String> missing(Collection<String> given) {
    List<String> out = new ArrayList<>();
    for (TemplateParam p : parameters) {
      if (!p.hasDefault() && !given.contains(p.name())) {
        out.add(p.name());
      }
    }
    return out;
  }

  /**
   * {@code 'lr' is not a parameter of the top-level function}, where {@code what} is the quoted name and
   * whatever the caller knows of it.
   */
  public static String notAParameter(String what) {
    return what + " is not a parameter of the top-level function";
  }

  /** {@code needs 'run_name' (no default)}, after the template's name or "the top-level function". */
  public static String needs(String name) {
    return "needs '" + name + "' (no default)";
  }
}
