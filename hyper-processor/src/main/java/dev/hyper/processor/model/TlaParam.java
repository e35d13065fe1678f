package dev.hyper.processor.model;

/**
 * One parameter of a template's top-level function.
 *
 * @param name its name
 * @param hasDefault whether it has a default
 * @param defaultKind the default's kind, {@link DefaultKind#NONE} without one
 * @param defaultLiteral the default as jsonnet text, "" without one
 */
public record TlaParam(String name, boolean hasDefault, DefaultKind defaultKind, String defaultLiteral) {

  /** What a default is, as far as type checks go. */
  public enum DefaultKind {
    NUMBER, STRING, BOOLEAN, NULL, ARRAY, OBJECT, EXPRESSION, NONE;

    /** How messages name it: "a number", "an object", ... */
    public String article() {
      return switch (this) {
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
  }
}
