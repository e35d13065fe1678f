package dev.hyper.runtime.runner;

import dev.hyper.runtime.halving.Decision;
import dev.hyper.runtime.launch.ExitCodes;

/**
 * How a run ended, with what {@code run} exits with ({@link ExitCodes}); its markers are written already.
 * {@code experiment} is the experiment as a user reads it ({@code experiment ID trial N of sweep S}).
 */
public sealed interface RunOutcome {
  /** The exit code of {@code run}. */
  int exitCode();

  /**
   * Another process holds the experiment's claim: nothing was done.
   *
   * @param experiment the experiment, or null when the claim was on a lazy sweep's experiment not made yet
   * @param holder who holds it ({@link dev.hyper.runtime.status.RunClaim.Busy#holder})
   */
  record Busy(String experiment, String holder) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.BUSY;
    }
  }

  /** It was {@code DONE} already (at {@code time}), and not rerun. */
  record AlreadyDone(String experiment, String time) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.OK;
    }
  }

  /** It was {@code STOPPED} by successive halving already, at {@code rung} ({@code ?} if unreadable), and not rerun. */
  record AlreadyStopped(String experiment, String rung) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.OK;
    }
  }

  /** Successive halving stopped it ({@code STOPPED}) at the rung {@code decision} decided. */
  record Stopped(String experiment, Decision decision) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.OK;
    }
  }

  /**
   * The trainer threw ({@code FAILED}).
   *
   * @param report the line {@code run failed: EXPERIMENT: THROWABLE} and the trainer's part of the stack trace,
   *     as the marker keeps it, for stderr
   */
  record Failed(String experiment, String report) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.FAILED;
    }
  }

  /**
   * It was asked to stop by {@code signal} (e.g. {@code TERM}) and returned without metrics ({@code INTERRUPTED}).
   *
   * @param step the step of its latest checkpoint, or -1 for none
   */
  record Interrupted(String experiment, String signal, long step) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.INTERRUPTED;
    }
  }

  /** It trained ({@code DONE}); {@code forced} when it ran despite problems of the checks. */
  record Done(String experiment, boolean forced) implements RunOutcome {
    @Override
    public int exitCode() {
      return ExitCodes.OK;
    }
  }
}
