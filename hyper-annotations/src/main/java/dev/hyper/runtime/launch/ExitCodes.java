package dev.hyper.runtime.launch;

/**
 * The exit codes of Hyper's commands, in one place: {@code hyper}'s command line returns them, and the
 * scripts and {@code exec} that launch {@code run} read them back (a SLURM array task that sees
 * {@link #INTERRUPTED} starts no further experiment; {@link #BUSY} is neither done nor failed).
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Training or writing failed. */
  public static final int FAILED = 1;
  /** The input was wrong (arguments, sweep name, template, config file). */
  public static final int BAD_INPUT = 2;
  /** A run was asked to stop and saved a checkpoint: run it again to resume. */
  public static final int INTERRUPTED = 3;
  /** A {@code run} found its experiment claimed by another process: it did nothing, and the experiment is not failed. */
  public static final int BUSY = 4;

  private ExitCodes() {}
}
