package dev.hyper.runtime.runner;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Trainer;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.run.StopSignals;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One call of a sweep's trainer, timed: while it trains, {@link System#err} goes on to stderr and into an
 * {@link ErrorTail} too, and stop requests' warnings are held ({@link StopSignals#holdWarnings}). A failure
 * comes back as the {@code FAILED} marker keeps it: a {@code run failed} line and the trainer's part of the
 * stack trace, after the end of what the trainer wrote to stderr.
 */
final class Training {
  /**
   * How the call ended.
   *
   * @param seconds how long it took
   * @param report null when it returned; else the {@code run failed} line and the trimmed stack trace
   * @param errorLines null when it returned; else the last lines of its stderr and the report, for the marker
   */
  record Result(double seconds, String report, List<String> errorLines) {
    boolean failed() {
      return report != null;
    }
  }

  private Training() {}

  /** Calls {@code spec}'s trainer on {@code params} with {@code training}, {@code experiment} naming it. */
  static <P extends Record> Result call(SweepSpec<P> spec, P params, ExperimentRun training, String experiment) {
    long t0 = System.nanoTime();
    ErrorTail tail = new ErrorTail();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(tail.tee(originalErr), true, StandardCharsets.UTF_8));
    Throwable failure = null;
    StopSignals.holdWarnings();
    try {
      Trainer<P> trainer = spec.newTrainer();
      trainer.train(params, training);
    } catch (Exception | Error e) {
      failure = e;
    } finally {
      System.err.flush();
      System.setErr(originalErr);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failure == null) {
      return new Result(seconds, null, null);
    }
    StringWriter trace = new StringWriter();
    PrintWriter w = new PrintWriter(trace);
    w.println("run failed: " + experiment + ": " + failure);
    trimToTrainer(failure);
    failure.printStackTrace(w);
    w.flush();
    tail.append(trace.toString());
    return new Result(seconds, trace.toString(), tail.lines());
  }

  /**
   * Cuts the stack traces of {@code t} and its causes below this class (the run protocol, the command,
   * picocli, the launcher): what is left is the trainer's part, which is what the FAILED marker's last lines
   * should show.
   */
  private static void trimToTrainer(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
      StackTraceElement[] trace = x.getStackTrace();
      for (int i = 0; i < trace.length; i++) {
        if (trace[i].getClassName().equals(Training.class.getName())) {
          x.setStackTrace(Arrays.copyOf(trace, i));
          break;
        }
      }
    }
  }
}
