package dev.hyper.processor.model;

/**
 * A jsonnet error: parse, static or runtime.
 *
 * @param kind e.g. {@code ParseError}, {@code StaticError}, {@code Error}
 * @param location {@code file:line:col}, or "" when jsonnet gives none
 * @param message jsonnet's message, one line
 */
public record JsonnetProblem(String kind, String location, String message) {

  /** {@code file:line:col: message}, or just the message. */
  public String oneLine() {
    return location.isEmpty() ? message : location + ": " + message;
  }
}
