package dev.hyper.processor.read;

/** Thrown while a type the record needs is not resolved yet (it may be generated in a later round). */
public final class Deferred extends Exception {
  private final String missingType;
  private final String role;

  /**
   * @param missingType the unresolved type, as javac spells it
   * @param role what the record needs it for, e.g. "the type of component 'mode'"
   */
  public Deferred(String missingType, String role) {
    super(missingType + " (" + role + ")", null, false, false);
    this.missingType = missingType;
    this.role = role;
  }

  /** The unresolved type, as javac spells it. */
  public String missingType() {
    return missingType;
  }

  /** What the record needs it for, e.g. "the type of component 'mode'". */
  public String role() {
    return role;
  }
}
