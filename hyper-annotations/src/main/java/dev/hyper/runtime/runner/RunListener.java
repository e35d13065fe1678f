package dev.hyper.runtime.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * Told what is odd about a run while it goes on, to warn the user; how the run ended is its
 * {@link RunOutcome}. Called on the thread that runs it.
 */
public interface RunListener {
  /** With {@code --force}: the run trains despite {@code problems}, which its markers record. */
  void forced(List<String> problems);

  /** The params are not a point of the sweep's grid {@code sweep}. */
  void notAPoint(String sweep);

  /** The run's environment differs from the snapshot's ({@code warning}, also recorded in its provenance). */
  void environment(String warning);

  /** The trainer returned without writing {@code metrics.json} in {@code dir}. */
  void noMetrics(Path dir);
}
