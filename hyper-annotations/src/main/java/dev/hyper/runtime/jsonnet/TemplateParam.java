package dev.hyper.runtime.jsonnet;

import java.util.Objects;

/**
 * One parameter of a jsonnet template's top-level function.
 *
 * @param name the parameter's name, e.g. {@code hidden_dim}
 * @param hasDefault whether the parameter has a default value (if not, every render must pass it)
 * @param defaultKind what the default is; {@link DefaultKind#NONE} exactly when {@code !hasDefault}
 * @param defaultLiteral the default as a jsonnet literal ({@code 0.001}, {@code 1500}, {@code false},
 *     {@code "adam"}, {@code null}) when it is a number, string, boolean or null; otherwise null
 */
public record TemplateParam(String name, boolean hasDefault, DefaultKind defaultKind, String defaultLiteral) {

  /** What a parameter's default value is, as far as can be told without calling the function. */
  public enum DefaultKind {
    NUMBER, STRING, BOOLEAN, NULL, ARRAY, OBJECT,
    /** Anything that is not a literal, e.g. {@code std.length(x)} or {@code a * 2}. */
    EXPRESSION,
    /** No default: the parameter is required. */
    NONE
  }

  public TemplateParam {
    Objects.requireNonNull(name);
    Objects.requireNonNull(defaultKind);
    if (hasDefault == (defaultKind == DefaultKind.NONE)) {
      throw new IllegalArgumentException("hasDefault " + hasDefault + " contradicts " + defaultKind);
    }
  }

  @Override
  public String toString() {
    if (!hasDefault) {
      return name + " (required)";
    }
    return name + "=" + (defaultLiteral != null ? defaultLiteral : "<" + defaultKind.name().toLowerCase() + ">");
  }
}
