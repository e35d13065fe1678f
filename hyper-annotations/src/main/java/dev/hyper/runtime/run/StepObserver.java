package dev.hyper.runtime.run;

import java.io.IOException;
import java.util.Map;

/** Sees each step a trainer logs, and may ask the trainer to stop (successive halving does both). */
public interface StepObserver {
  /** Called after {@code step} with {@code metrics} was appended to the step log. */
  void logged(long step, Map<String, ?> metrics) throws IOException;

  /** Whether this observer wants the run to stop. */
  boolean stopRequested();
}
