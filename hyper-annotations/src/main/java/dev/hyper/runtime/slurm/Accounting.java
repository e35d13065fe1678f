package dev.hyper.runtime.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SLURM's accounting ({@code sacct -D}, which keeps every job, unlike squeue after MinJobAge) says about
 * the array tasks of a sweep: each run of each task, oldest first. SLURM 22.05 has no restart count in
 * sacct; {@code -D} lists each run of a requeued task, so a task's restarts are its runs less one.
 */
public final class Accounting {
  /** One run of an array task: {@code state} as sacct spells it ({@code CANCELLED}, without "by UID"). */
  public record Run(String arrayTask, String state, String exitCode, String start, String end) {}

  private final Map<String, List<Run>> runs;

  Accounting(Map<String, List<Run>> runs) {
    this.runs = runs;
  }

  /** The sacct columns {@link #parse} reads, for {@code -o}. */
  static final String FORMAT = "JobID,State,ExitCode,Start,End";

  /**
   * Parses {@code sacct -n -P -X -D -o }{@value #FORMAT}: lines {@code JOB_INDEX|STATE|EXIT|START|END}; lines of
   * array tasks not started yet ({@code JOB_[1-3]}) and of jobs that are not array tasks are skipped.
   */
  static Accounting parse(String stdout) {
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length < 5 || !f[0].matches("\\d+_\\d+")) {
        continue;
      }
      String state = f[1].strip().split("\\s+")[0];
      runs.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Run(f[0], state, f[2], f[3], f[4]));
    }
    return new Accounting(runs);
  }

  /** The runs of {@code arrayTask} ({@code JOB_INDEX}), oldest first; empty if accounting has none. */
  public List<Run> runs(String arrayTask) {
    return runs.getOrDefault(arrayTask, List.of());
  }

  /** How the end of {@code run} reads in {@code status}: why SLURM ended it. */
  public static String why(Run run) {
    return switch (run.state()) {
      case "TIMEOUT" -> "killed at its time limit";
      case "PREEMPTED" -> "preempted";
      case "OUT_OF_MEMORY" -> "killed for using more memory than it asked for";
      case "NODE_FAIL" -> "its node failed";
      case "CANCELLED" -> "cancelled (scancel)";
      case "REQUEUED" -> "requeued";
      case "FAILED" -> "exited with an error (exit " + run.exitCode() + ")";
      case "COMPLETED" -> "completed";
      case "BOOT_FAIL" -> "its node did not boot";
      case "DEADLINE" -> "past its deadline";
      default -> run.state().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
