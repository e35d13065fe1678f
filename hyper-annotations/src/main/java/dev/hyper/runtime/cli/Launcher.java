package dev.hyper.runtime.cli;

import dev.hyper.runtime.fork.ForkedSweep;
import dev.hyper.runtime.snapshot.KnownDigests;

/**
 * The command line of a Hyper jar: {@code list}, {@code show}, {@code sweep} and {@code run} over
 * every sweep the jar declares. Generated launchers call {@link #main(String[])}, which runs it through
 * {@link ForkedSweep} (a sweep that writes runs in a tuned child JVM).
 */
public final class Launcher {
  private Launcher() {}

  /** Runs the command line and exits with its code: 0 ok, 1 a run failed, 2 bad input. */
  public static void main(String[] args) {
    // a class, not a lambda: no lambda to bootstrap before a forked sweep's parent starts its child
    System.exit(ForkedSweep.run(args, new ForkedSweep.Command() {
      @Override
      public int run(ProcessHandle userProcess, KnownDigests digests) {
        return HyperCli.run(args, userProcess, digests);
      }
    }));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String[] args) {
    return HyperCli.run(args);
  }
}
