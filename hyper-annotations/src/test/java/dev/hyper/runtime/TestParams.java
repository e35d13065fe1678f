package dev.hyper.runtime;

/** A small sweep record for tests: a double, a String and an enum axis. */
public record TestParams(double lr, String note, Mode mode) {
  public enum Mode { FAST, SLOW }
}
