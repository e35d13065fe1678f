package dev.hyper.processor.model;

/** What a record component's type is, as far as sweeping goes. */
public enum Kind {
  DOUBLE("double", "doubles"),
  INT("int", "ints"),
  LONG("long", "longs"),
  STRING("String", "strings"),
  BOOLEAN("boolean", "booleans"),
  ENUM("enum", "strings"),
  /** Anything else: reported, never generated. */
  UNSUPPORTED("?", "");

  private final String javaName;
  private final String attribute;

  Kind(String javaName, String attribute) {
    this.javaName = javaName;
    this.attribute = attribute;
  }

  /** The Java spelling of the type, e.g. {@code int}. */
  public String javaName() {
    return javaName;
  }

  /** The {@code @Axis} attribute that holds values of this kind, e.g. {@code ints}. */
  public String attribute() {
    return attribute;
  }

  /** Whether jsonnet sees this kind as a number. */
  public boolean isNumber() {
    return this == DOUBLE || this == INT || this == LONG;
  }
}
