package dev.hyper.processor.read;

/** Thrown while a type the record needs is not resolved yet (it may be generated in a later round). */
public final class Deferred extends Exception {
  private final String missingType;

  public Deferred(String missingType) {
    super(missingType, null, false, false);
    this.missingType = missingType;
  }

  /** The unresolved type, as javac spells it. */
  public String missingType() {
    return missingType;
  }
}
