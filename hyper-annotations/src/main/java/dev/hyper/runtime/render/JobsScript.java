package dev.hyper.runtime.render;

import static dev.hyper.runtime.shell.ShellQuote.quote;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.shell.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a sweep's jobs script: a bash script that goes to its own directory (the sweep's output
 * directory) and has one line per experiment, either running it ({@code java -jar .../model.jar run
 * .../ID.toml}) or submitting that same command to SLURM ({@code sbatch ... --wrap '...'}). Paths are
 * relative, so the tree can be moved; every value is shell-quoted.
 */
public final class JobsScript {
  private JobsScript() {}

  /**
   * @param sweep the sweep's name
   * @param experiments the experiments, in the order to run them
   * @param slurm whether to submit with {@code sbatch} rather than run directly
   * @throws HyperException if a SLURM setting holds a line break or control character
   */
  public static String render(String sweep, List<ExperimentInfo> experiments, boolean slurm) throws HyperException {
    StringBuilder sb = new StringBuilder(header(sweep, experiments.size(), slurm));
    for (ExperimentInfo e : experiments) {
      sb.append(line(sweep, e, slurm));
    }
    return sb.toString();
  }

  /** The script's first lines, before the experiments': shebang, a comment, and the {@code cd}. */
  public static String header(String sweep, long experiments, boolean slurm) {
    return "#!/usr/bin/env bash\n"
        + "# Hyper sweep " + sweep + ": " + experiments + " experiments" + (slurm ? ", each submitted with sbatch" : "")
        + "; paths are relative to this script.\n"
        + "cd -- \"$(dirname -- \"$0\")\" || exit 2\n";
  }

  /**
   * The script's line for one experiment, ending in a newline.
   *
   * @throws HyperException if a SLURM setting holds a line break or control character
   */
  public static String line(String sweep, ExperimentInfo e, boolean slurm) throws HyperException {
    String run = runCommand(e);
    return (slurm ? sbatch(sweep, e, run) : run) + "\n";
  }

  /** {@code java -jar 'CONF_DIR/model.jar' run 'CONF_PATH'}. */
  public static String runCommand(ExperimentInfo e) {
    return "java -jar " + quote(Layout.slashes(e.confDir().resolve(Layout.SNAPSHOT_FILE))) + " run "
        + quote(Layout.slashes(e.confPath()));
  }

  private static String sbatch(String sweep, ExperimentInfo e, String run) throws HyperException {
    List<String> words = new ArrayList<>();
    words.add("sbatch");
    SlurmSettings s = e.slurm();
    option(words, "--qos", s.qos());
    option(words, "--time", s.time());
    option(words, "--partition", s.partition());
    if (s.cpus() > 0) {
      option(words, "--cpus-per-task", Integer.toString(s.cpus()));
    }
    option(words, "--mem", s.mem());
    option(words, "--gres", s.gres());
    option(words, "--job-name", sweep + "-" + e.id() + "-" + e.trial());
    option(words, "--output", Layout.slashes(e.serializationDir()) + "/slurm-%j.out");
    option(words, "--wrap", run);
    return String.join(" ", words);
  }

  private static void option(List<String> words, String option, String value) throws HyperException {
    if (value.isEmpty()) {
      return;
    }
    if (!ShellQuote.isSingleLine(value)) {
      throw new HyperException("slurm " + option + " holds a line break or control character: " + value.strip());
    }
    words.add(option);
    words.add(quote(value));
  }

}
