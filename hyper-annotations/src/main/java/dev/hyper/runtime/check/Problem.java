package dev.hyper.runtime.check;

import java.util.Objects;

/**
 * One mismatch between a sweep record and its template.
 *
 * @param code the stable code, e.g. {@code UnknownTla}; {@link #line()} prints it as {@code [hyper/UnknownTla]}
 * @param text the message after the code
 * @param target what the problem is about, so that the processor reports it on the narrowest element
 * @param component the component concerned; null for {@link Target#TEMPLATE}
 */
public record Problem(String code, String text, Target target, String component) {

  /** What a problem is about. */
  public enum Target {
    /** The component's top-level argument name: its {@code @Axis(tla)} when set, else the component. */
    TLA,
    /** The component itself (its type). */
    COMPONENT,
    /** The template as a whole ({@code @Sweep(config)}). */
    TEMPLATE
  }

  public Problem {
    Objects.requireNonNull(code);
    Objects.requireNonNull(text);
    Objects.requireNonNull(target);
  }

  /** {@code [hyper/Code] text}: what javac prints, and what the launcher prints. */
  public String line() {
    return "[hyper/" + code + "] " + text;
  }
}
