package dev.hyper.runtime.render;

import static dev.hyper.runtime.shell.ShellQuote.quote;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.slurm.SlurmFiles;
import dev.hyper.runtime.slurm.SlurmJobs;
import dev.hyper.runtime.status.JobsScriptRuns;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a sweep's jobs script: a bash script that goes to its own directory (the sweep's output
 * directory) and has one line per experiment (or, for the rows a lazy sweep draws from its manifest's plan, one
 * loop over them, {@link #drawnLoop}), either running it ({@link LaunchCommand}: {@code
 * "$hyper_java" JVM_ARGS -jar .../model.jar run .../ID.toml}) or submitting that same command to SLURM
 * ({@code hyper_sbatch CONF_PATH ... --wrap '...'}, which records the job id). While a plain script runs it
 * is recorded ({@link JobsScriptRuns}). Paths are
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
    ExperimentInfo first = experiments.isEmpty() ? null : experiments.get(0);
    String javaHome = first == null || first.snapshot() == null || first.snapshot().java() == null ? null
        : first.snapshot().java().home();
    StringBuilder sb = new StringBuilder(header(sweep, experiments.size(), slurm, javaHome));
    for (ExperimentInfo e : experiments) {
      sb.append(line(sweep, e, slurm));
    }
    return sb.toString();
  }

  /**
   * The script's first lines, before the experiments': shebang, a comment, the {@code cd}, and (running
   * directly) the choice of java launcher (see {@link LaunchCommand#chooseJava}).
   *
   * @param javaHome the runtime the sweep ran on, or null when not known
   */
  public static String header(String sweep, long experiments, boolean slurm, String javaHome) {
    return "#!/usr/bin/env bash\n"
        + "# Hyper sweep " + sweep + ": " + experiments + " experiments" + (slurm ? ", each submitted with sbatch" : "")
        + "; paths are relative to this script.\n"
        + "cd -- \"$(dirname -- \"$0\")\" || exit 2\n"
        + (slurm ? submitter(sweep) : recorder(sweep)
            + "# the java launcher: $HYPER_JAVA, else the sweep's where it exists, else java from PATH\n"
            + LaunchCommand.chooseJava(javaHome) + "\n");
  }

  /**
   * The plain script's record of itself ({@link JobsScriptRuns}): a file with its host, pid and start,
   * removed when it ends, so that status, exec and submit count its experiments as queued meanwhile.
   */
  private static String recorder(String sweep) {
    String runs = quote(Layout.slashes(Layout.jobsScriptRuns(sweep)));
    return "# while it runs, this script is recorded in " + runs + ": status, exec and submit count the experiments"
        + " it has not run yet as queued\n"
        + RUN_VAR + "=" + runs + "/\"$(uname -n)-$$\"\n"
        + "mkdir -p -- " + runs + " && printf '%s\\t%s\\t%s\\n' \"$(uname -n)\" \"$$\" \"$(" + NOW + ")\" >\"$"
        + RUN_VAR + "\" || echo " + quote("warning: cannot record this script in " + Layout.jobsScriptRuns(sweep)
            + "; status will call its experiments pending") + " >&2\n"
        + "trap 'rm -f -- \"$" + RUN_VAR + "\"' EXIT\n"
        + "trap 'exit 130' INT\n"
        + "trap 'exit 143' TERM\n";
  }

  /**
   * The SLURM script's {@code hyper_sbatch CONF_PATH OPTION...}: submits with {@code sbatch --parsable} and
   * appends the job id with the experiment to {@code SWEEP-slurm-jobs.tsv} ({@link SlurmJobs}), so that
   * status and submit see the experiment as queued.
   */
  private static String submitter(String sweep) {
    String jobs = quote(Layout.slashes(SlurmFiles.jobsFile(sweep)));
    return "# each job id goes into " + jobs + " with its experiment: status and submit see it queued\n"
        + SUBMIT + "() {\n"
        + "  local conf=\"$1\" out id\n"
        + "  shift\n"
        + "  out=\"$(sbatch --parsable \"$@\")\" || return\n"
        + "  id=\"${out%%;*}\"\n"
        + "  case \"$id\" in ''|*[!0-9]*) printf 'sbatch printed no job id for %s: %s\\n' \"$conf\" \"$out\" >&2;"
        + " return 1;; esac\n"
        + "  [ -s " + jobs + " ] || printf " + quote(SlurmJobs.HEADER.replace("\t", "\\t") + "\\n") + " >>" + jobs
        + "\n"
        + "  printf '%s\\t-\\t-\\t1\\t%s\\t%s\\n' \"$id\" \"$(" + NOW + ")\" \"$conf\" >>" + jobs + "\n"
        + "  printf 'Submitted batch job %s (%s)\\n' \"$id\" \"$conf\"\n"
        + "}\n";
  }

  /** The shell variable that holds the plain script's record, and the SLURM script's submit function. */
  private static final String RUN_VAR = "hyper_run";
  public static final String SUBMIT = "hyper_sbatch";
  /** Now, in UTC, as the records say it. */
  private static final String NOW = "date -u +%Y-%m-%dT%H:%M:%SZ";

  /**
   * The script's line for one experiment, ending in a newline.
   *
   * @throws HyperException if a SLURM setting holds a line break or control character
   */
  public static String line(String sweep, ExperimentInfo e, boolean slurm) throws HyperException {
    return line(sweep, e, slurm, LaunchCommand.of(e));
  }

  /** {@link #line(String, ExperimentInfo, boolean)} with {@code run} as the experiment's command (a lazy sweep's). */
  public static String line(String sweep, ExperimentInfo e, boolean slurm, LaunchCommand run) throws HyperException {
    if (!slurm) {
      return run.shell() + "\n";
    }
    // sbatch opens --output before the job starts, and no sweep makes the serialization directory (its run does)
    return "mkdir -p -- " + quote(Layout.slashes(e.serializationDir())) + " && " + sbatch(sweep, e, run.standalone())
        + "\n";
  }

  /**
   * The plain script's lines for the {@code rows} rows of a lazy invocation that are drawn from the manifest's plan,
   * not listed ({@code DrawnRows}): a loop over the row numbers, each {@code run}, which makes its experiment first.
   *
   * @param run the invocation's command ({@link LaunchCommand#withJarDir} its directory)
   */
  public static String drawnLoop(LaunchCommand run, long rows) {
    return "# rows 0 to " + (rows - 1) + " are drawn from the manifest's plan: each run makes its experiment first\n"
        + "for ((row = 0; row < " + rows + "; row++)); do\n"
        + "  " + run.shellForRowIn("row") + "\n"
        + "done\n";
  }

  private static String sbatch(String sweep, ExperimentInfo e, String run) throws HyperException {
    List<String> words = new ArrayList<>();
    words.add(SUBMIT);
    words.add(quote(Layout.slashes(e.confPath())));
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
