package dev.hyper.runtime.text;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A long command's progress, on a terminal: one line on standard error, drawn once the work has taken
 * {@link #AFTER_MS} and redrawn at most every {@link #EVERY_MS}, {@code verify rnn: 120,000 of 200,000 experiments
 * (60%), 6 s, about 4 s left}, the time left at the rate of the last {@link #RATE_DRAWS} draws (a JVM's work
 * speeds up as it compiles), and cleared when the work ends, so that what the command prints after it stands
 * alone. Off a terminal it prints nothing: a log gets the command's own lines only. For one thread.
 */
public final class ProgressLine implements AutoCloseable {
  /** How long work goes before its line is drawn (a short command draws none); {@code -Dhyper.progress.after}. */
  static final long AFTER_MS = Long.getLong("hyper.progress.after", 1000);
  /** How often the line is drawn again at most. */
  static final long EVERY_MS = 200;
  /** The draws whose rate gives the time left. */
  static final int RATE_DRAWS = 10;
  private static final String CLEAR = "\r\033[K";

  private final PrintWriter err;
  private final boolean terminal;
  private final String what;
  private final long total;
  private final LongSupplier nanos;
  private final long start;
  private long done;
  private boolean drawn;
  /** The time and count of the last {@link #RATE_DRAWS} draws, a ring: the newest at {@code (draws - 1) % RATE_DRAWS}. */
  private final long[] drawTimes = new long[RATE_DRAWS];
  private final long[] drawCounts = new long[RATE_DRAWS];
  private int draws;

  /**
   * The progress of {@code what} ({@code "verify rnn"}) over {@code total} experiments (0 or less if not known),
   * drawn on {@code err} if {@code terminal}, timed by {@code nanos}.
   */
  public ProgressLine(PrintWriter err, boolean terminal, String what, long total, LongSupplier nanos) {
    this.err = err;
    this.terminal = terminal;
    this.what = what;
    this.total = total;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  /**
   * Set ({@code true}) for a process whose input is not the terminal its output is, which it cannot tell itself:
   * the JVM a sweep forks, whose input is a pipe.
   */
  public static final String TERMINAL = "hyper.terminal";

  /** Whether this process runs on a terminal: {@link System#console()}, or {@link #TERMINAL} set. */
  public static boolean onTerminal() {
    return System.console() != null || Boolean.getBoolean(TERMINAL);
  }

  /** {@link #ProgressLine(PrintWriter, boolean, String, long, LongSupplier)} on the terminal, if there is one. */
  public static ProgressLine of(PrintWriter err, String what, long total) {
    return new ProgressLine(err, onTerminal(), what, total, System::nanoTime);
  }

  /** One more experiment done. */
  public void step() {
    done++;
    if (!terminal) {
      return;
    }
    long now = nanos.getAsLong();
    if (now - start >= TimeUnit.MILLISECONDS.toNanos(AFTER_MS) && (draws == 0
        || now - drawTimes[(draws - 1) % RATE_DRAWS] >= TimeUnit.MILLISECONDS.toNanos(EVERY_MS))) {
      drawn = true;
      err.print(CLEAR + line(now));
      err.flush();
      drawTimes[draws % RATE_DRAWS] = now;
      drawCounts[draws % RATE_DRAWS] = done;
      draws++;
    }
  }

  /** The line as it is drawn at {@code now}. */
  String line(long now) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(now - start);
    StringBuilder sb = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
    if (total > 0) {
      sb.append(String.format(Locale.ROOT, " of %,d experiments (%d%%), %d s", total, done * 100 / total, seconds));
      int oldest = draws < RATE_DRAWS ? 0 : draws % RATE_DRAWS;
      long since = draws == 0 ? start : drawTimes[oldest];
      long then = draws == 0 ? 0 : drawCounts[oldest];
      if (done > then && done < total && now > since) {
        long left = (long) Math.ceil((now - since) / 1e9 * (total - done) / (done - then));
        sb.append(", about ").append(left).append(" s left");
      }
    } else {
      sb.append(done == 1 ? " experiment, " : " experiments, ").append(seconds).append(" s");
    }
    return sb.toString();
  }

  /**
   * Prints {@code line} on {@code out} (the terminal too, when this is drawn there) on a line of its own: the
   * progress line is cleared first and drawn again at a later step.
   */
  public void println(PrintWriter out, String line) {
    close();
    out.println(line);
    if (terminal) {
      out.flush();
    }
  }

  /** Clears the line, if it was drawn. */
  @Override
  public void close() {
    if (drawn) {
      err.print(CLEAR);
      err.flush();
      drawn = false;
    }
  }
}
