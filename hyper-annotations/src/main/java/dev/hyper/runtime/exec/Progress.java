package dev.hyper.runtime.exec;

import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.manifest.Task;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of an {@code exec}: on a terminal, one line redrawn in place (done / failed / running /
 * remaining, rate, ETA); elsewhere, one plain line per experiment that ends.
 */
public final class Progress implements LocalExecutor.Listener {
  private final PrintWriter out;
  private final boolean terminal;
  private final int total;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  /** Of the done ones (exit 0), those that successive halving stopped at a rung ({@code STOPPED}). */
  private final AtomicInteger stopped = new AtomicInteger();
  /** Runs that found their experiment claimed by another process ({@link ExitCodes#BUSY}) and left it. */
  private final AtomicInteger claimed = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  public Progress(PrintWriter out, boolean terminal, int total) {
    this.out = out;
    this.terminal = terminal;
    this.total = total;
  }

  @Override
  public void started(Task task) {
    running.incrementAndGet();
    if (terminal) {
      redraw();
    }
  }

  @Override
  public synchronized void finished(Task task, int exitCode, double seconds) {
    running.decrementAndGet();
    if (exitCode == ExitCodes.BUSY) {
      claimed.incrementAndGet();
      if (terminal) {
        out.print("\r\033[K");
        out.printf("claimed elsewhere: %s (another process runs it; left alone)%n", task.label());
        redraw();
      } else {
        out.printf("claimed elsewhere: %s (another process runs it; left alone)  [%d done, %d failed, %d running,"
            + " %d remaining]%n", task.label(), done.get(), failed.get(), running.get(), remaining());
      }
      out.flush();
      return;
    }
    int n = (exitCode == 0 ? done : failed).incrementAndGet();
    boolean halved = exitCode == 0 && dev.hyper.runtime.status.Markers.status(task.root().resolve(
        task.serializationDir())) == dev.hyper.runtime.status.ExperimentStatus.STOPPED;
    if (halved) {
      stopped.incrementAndGet();
    }
    if (terminal) {
      if (exitCode != 0) {
        out.print("\r\033[K");
        out.printf("failed: %s (exit %d, log %s)%n", task.label(), exitCode, task.log());
      }
      redraw();
    } else {
      out.printf("%s %s (%.1f s)  [%d done, %d failed, %d running, %d remaining]%n",
          halved ? "stopped:" : exitCode == 0 ? "done:  " : "failed:", task.label(), seconds, done.get(), failed.get(),
          running.get(), remaining());
      if (exitCode != 0) {
        out.printf("        exit %d, log %s%n", exitCode, task.log());
      }
    }
    out.flush();
  }

  /** The final line. */
  public synchronized void finish() {
    if (terminal) {
      redraw();
      out.println();
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf("exec: %d done%s, %d failed, %d not run%s, in %.1f s%n", done.get(), stopped.get() == 0 ? ""
        : " (" + stopped.get() + " of them STOPPED at a rung by successive halving)", failed.get(), remaining(),
        claimed.get() == 0 ? "" : ", " + claimed.get() + " claimed by another process", seconds);
    out.flush();
  }

  private int remaining() {
    return total - done.get() - failed.get() - claimed.get() - running.get();
  }

  private synchronized void redraw() {
    int finished = done.get() + failed.get() + claimed.get();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = seconds > 0 ? finished / seconds : 0;
    String eta = rate > 0 ? clock((total - finished) / rate) : "--:--";
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) finished * width / total);
    out.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] ");
    out.printf("%d done, %d failed, %d running, %d remaining  %.2f/s  ETA %s",
        done.get(), failed.get(), running.get(), remaining(), rate, eta);
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
