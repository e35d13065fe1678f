package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.shell.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --waves W --next N [--metric KEY] [--goal min|max]} of {@code exec} and {@code submit}: a search in
 * waves, each later wave adding N points that {@code sweep --next N} proposes from the results.
 */
final class WaveOptions {
  @Option(names = "--waves", paramLabel = "W", description = "With --next N: a search of W waves, with no driver"
      + " process: what the directory holds now is wave 1; then N points proposed from the results (sweep --next N)"
      + " are added and run, and so on, W waves in all. exec runs them here; submit submits wave 1 and a one-task"
      + " job that SLURM starts after it ended (afterany), which adds the points and submits the next wave the same"
      + " way (its output goes to SWEEP-waves.log).")
  Integer waves;

  @Option(names = "--next", paramLabel = "N", description = "With --waves: how many points each later wave adds.")
  Integer next;

  @Option(names = "--metric", paramLabel = "KEY", description = "With --waves: the metric the proposals learn from"
      + " (as sweep --next).")
  String metric;

  @Option(names = "--goal", paramLabel = "min|max", description = "With --waves: which way the metric is better"
      + " (as sweep --next).")
  String goal;

  /** Whether waves were asked for. */
  boolean on() {
    return waves != null;
  }

  /** Checks the options of {@code command}: both or neither of --waves and --next, and their ranges. */
  void check(String command) throws HyperException {
    if ((waves == null) != (next == null)) {
      throw new HyperException(command + ": --waves and --next go together (--waves W --next N)");
    }
    if (waves != null && (waves < 1 || waves > 1000)) {
      throw new HyperException(command + ": --waves must be 1 to 1000, was " + waves);
    }
    if (next != null && (next < 1 || next > 100_000)) {
      throw new HyperException(command + ": --next must be 1 to 100000, was " + next);
    }
    if (goal != null && !goal.equals("min") && !goal.equals("max")) {
      throw new HyperException(command + ": --goal must be min or max, found '" + goal + "'");
    }
  }

  /** The arguments of {@code sweep --next N} with the metric and goal, after {@code sweep SWEEP --out DIR}. */
  List<String> nextArguments() {
    List<String> args = new ArrayList<>(List.of("--next", Integer.toString(next)));
    if (metric != null) {
      args.addAll(List.of("--metric", metric));
    }
    if (goal != null) {
      args.addAll(List.of("--goal", goal));
    }
    return args;
  }

  /** {@link #nextArguments} shell-quoted, each after a space. */
  String nextShell() {
    StringBuilder sb = new StringBuilder();
    nextArguments().forEach(a -> sb.append(' ').append(ShellQuote.word(a)));
    return sb.toString();
  }
}
