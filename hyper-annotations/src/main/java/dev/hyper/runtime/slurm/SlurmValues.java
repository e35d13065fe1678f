package dev.hyper.runtime.slurm;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.text.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * The one check of a sweep's SLURM settings, made before anything is written by {@code sweep --slurm},
 * {@code submit} and {@code submit --dry-run}. Each value becomes one word of an {@code #SBATCH} line
 * ({@link ArrayScript}) and of an {@code sbatch} command (the jobs script): no spaces, no line breaks or
 * other control characters; {@code time} is one of SLURM's formats; counts are not negative; {@code signal}
 * is a number of seconds SLURM accepts.
 */
public final class SlurmValues {
  private SlurmValues() {}

  /** Refuses {@code s} naming every value that is wrong, one line each. */
  public static void check(SlurmSettings s) throws HyperException {
    List<String> problems = new ArrayList<>();
    word(problems, "qos", s.qos());
    word(problems, "time", s.time());
    if (!s.time().isEmpty() && isWord(s.time()) && !SlurmSettings.isValidTime(s.time())) {
      problems.add("slurm.time '" + Printable.escape(s.time()) + "' is not a SLURM time; use "
          + SlurmSettings.TIME_FORMATS + ", e.g. '1-00:00:00' or '90'");
    }
    word(problems, "partition", s.partition());
    word(problems, "mem", s.mem());
    word(problems, "gres", s.gres());
    count(problems, "cpus", s.cpus());
    count(problems, "max_parallel", s.maxParallel());
    count(problems, "max_requeues", s.maxRequeues());
    if (s.signal() < 0 || s.signal() > SlurmSettings.MAX_SIGNAL) {
      problems.add("slurm.signal must be from 0 (no warning) to " + SlurmSettings.MAX_SIGNAL + " seconds, was "
          + s.signal());
    }
    if (!problems.isEmpty()) {
      throw new HyperException(String.join("\n", problems));
    }
  }

  private static void word(List<String> problems, String key, String value) {
    if (!value.isEmpty() && !isWord(value)) {
      problems.add("slurm." + key + " '" + Printable.escape(value) + "' cannot hold spaces, line breaks or control"
          + " characters: it is one word of an #SBATCH line and of an sbatch command");
    }
  }

  private static boolean isWord(String value) {
    return value.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c)
        || Character.isSpaceChar(c));
  }

  private static void count(List<String> problems, String key, int value) {
    if (value < 0) {
      problems.add("slurm." + key + " must be 0 or more, was " + value);
    }
  }
}
