package dev.hyper.runtime.status;

import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jobs scripts of a sweep that are running now. A plain {@code SWEEP-jobs.sh} records itself when it
 * starts, one file {@code HOST-PID} holding {@code HOST TAB PID TAB SINCE} in {@link Layout#jobsScriptRuns},
 * and removes it when it ends (an EXIT trap; {@code kill -9} leaves it behind). While one runs, the
 * experiments it has not started yet are queued by it, not pending.
 *
 * <p>A record of this machine counts while its process lives: the pid is alive, started no later than
 * the record says, and (where the OS tells) runs the jobs script. A record of another machine cannot be
 * checked and counts until it is removed.
 */
public final class JobsScriptRuns {
  private JobsScriptRuns() {}

  /**
   * One running jobs script.
   *
   * @param here whether it runs on this machine (and was checked to be alive)
   */
  public record Run(String host, long pid, String since, boolean here) {
    /** E.g. {@code pid 4242 on node17 since 2026-11-27T19:20:35Z}. */
    public String describe() {
      return "pid " + pid + " on " + host + " since " + since + (here ? "" : " (another machine: not checked)");
    }
  }

  /** The jobs scripts of {@code sweep} under {@code root} that run now, as their records say. */
  public static List<Run> live(Path root, String sweep) throws IOException {
    Path dir = root.resolve(Layout.jobsScriptRuns(sweep));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String script = Layout.jobsScript(sweep).getFileName().toString();
    List<Run> runs = new ArrayList<>();
    try (DirectoryStream<Path> records = Files.newDirectoryStream(dir)) {
      for (Path record : records) {
        String[] f;
        try {
          f = Files.readString(record, StandardCharsets.UTF_8).strip().split("\t", -1);
        } catch (IOException e) {
          continue;                      // removed meanwhile: that script has ended
        }
        if (f.length != 3 || !f[1].matches("[0-9]{1,18}")) {
          continue;                      // being written, or not a record
        }
        long pid = Long.parseLong(f[1]);
        boolean here = f[0].equals(Markers.hostName());
        if (!here || alive(pid, f[2], script)) {
          runs.add(new Run(f[0], pid, f[2], here));
        }
      }
    }
    return runs;
  }

  /** Whether process {@code pid} of this machine lives and is the jobs script that recorded itself at {@code since}. */
  private static boolean alive(long pid, String since, String script) {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    ProcessHandle.Info info = p.get().info();
    if (info.arguments().isPresent()) {
      boolean runsScript = false;
      for (String a : info.arguments().get()) {
        runsScript |= a.equals(script) || a.endsWith("/" + script);
      }
      if (!runsScript) {
        return false;                    // the pid was reused
      }
    }
    try {
      Instant recorded = Instant.parse(since);
      return info.startInstant().map(start -> !start.isAfter(recorded.plusSeconds(2))).orElse(true);
    } catch (DateTimeParseException e) {
      return true;
    }
  }
}
