package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.error.HyperException;
import java.util.List;

/**
 * A sweep file or {@code --set} argument that does not fit the sweep. The message holds every
 * problem, one per line, each starting with {@code file:line:column:} (or the argument).
 */
public final class SweepFileException extends HyperException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SweepFileException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one line each. */
  public List<String> problems() {
    return problems;
  }
}
