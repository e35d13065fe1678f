package dev.hyper.runtime.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Turns SIGTERM, SIGINT and SIGUSR1 into a stop request for a trainer that asks for one. The TERM and
 * INT handlers are installed the first time the trainer asks ({@link #requested()}): until then those
 * signals end the JVM as they always do, so a trainer that never asks is never left running after
 * Ctrl-C. USR1 is only a warning (SLURM's, before a time limit): {@link #holdWarnings()}, called
 * before the trainer starts, keeps it from ending the JVM, so a trainer that never asks trains on until
 * the limit.
 */
public final class StopSignals {
  private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
  private static volatile boolean installed;

  private StopSignals() {}

  /** Whether a stop was asked for; installs the handlers on first use. */
  public static boolean requested() {
    if (!installed) {
      install();
    }
    return RECEIVED.get() != null;
  }

  /** The signal that asked to stop ({@code TERM}, {@code INT}, {@code USR1}), if one did. */
  public static Optional<String> received() {
    return Optional.ofNullable(RECEIVED.get());
  }

  /** Makes SIGUSR1 a stop request from now on instead of the end of the JVM. */
  public static void holdWarnings() {
    handle("USR1");
  }

  private static void handle(String name) {
    try {
      Signal.handle(new Signal(name), s -> RECEIVED.compareAndSet(null, s.getName()));
    } catch (IllegalArgumentException e) {
      // not a signal on this platform, or the JVM reserves it: the default action stays
    }
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    for (String name : new String[] {"TERM", "INT", "USR1"}) {
      handle(name);
    }
    installed = true;
  }
}
