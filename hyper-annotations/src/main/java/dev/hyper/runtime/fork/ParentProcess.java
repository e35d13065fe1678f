package dev.hyper.runtime.fork;

import java.util.OptionalLong;

/**
 * Whether this JVM is a forked child of {@link ForkedSweep}: the system property that carries the pid of
 * the process that forked it, and from it the process whose command line the user typed.
 */
final class ParentProcess {
  /** Set in the child: its parent's pid. */
  static final String PROPERTY = "hyper.forkedFrom";

  private ParentProcess() {}

  /** In the child, the pid of the parent that forked it (from {@value #PROPERTY}); else empty. */
  static OptionalLong pid() {
    String parent = System.getProperty(PROPERTY);
    try {
      return parent == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(parent));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();                       // not ours
    }
  }

  /** The process whose command line the user typed: this one, or the parent that forked it. */
  static ProcessHandle userProcess() {
    OptionalLong parent = pid();
    return parent.isPresent() ? ProcessHandle.of(parent.getAsLong()).orElse(ProcessHandle.current())
        : ProcessHandle.current();
  }
}
