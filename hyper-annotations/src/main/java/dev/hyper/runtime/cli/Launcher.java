package dev.hyper.runtime.cli;

/**
 * The command line of a Hyper jar: {@code list}, {@code show}, {@code sweep} and {@code run} over
 * every sweep the jar declares. Generated launchers call {@link #main(String[])}.
 */
public final class Launcher {
  private Launcher() {}

  /** Runs the command line and exits with its code: 0 ok, 1 a run failed, 2 bad input. */
  public static void main(String[] args) {
    java.util.OptionalInt forked = ForkedSweep.runIfWanted(args);
    if (forked.isPresent()) {
      System.exit(forked.getAsInt());
    }
    ForkedSweep.watchParent();
    ForkedSweep.receiveDigest();
    ForkedSweep.warmUp(args);
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String[] args) {
    return HyperCli.run(args);
  }
}
