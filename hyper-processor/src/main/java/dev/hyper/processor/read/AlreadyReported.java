package dev.hyper.processor.read;

/**
 * Thrown when {@code @Sweep} itself is malformed in a way javac already reports (a missing required
 * attribute, an unresolvable class literal): Hyper adds nothing and generates nothing.
 */
public final class AlreadyReported extends Exception {
  public AlreadyReported(String what) {
    super(what, null, false, false);
  }
}
