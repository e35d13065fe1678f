package dev.hyper.runtime.slurm;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.shell.ShellQuote;

/**
 * The job-array script {@code <sweep>.sbatch}: each array task maps
 * {@code HYPER_TASK_OFFSET + SLURM_ARRAY_TASK_ID} to one line of the sweep's task list (conf dir, conf
 * path, serialization dir, tab-separated, relative to the output directory), skips the experiment
 * when it is {@code DONE}, sends its output to the experiment's serialization dir, and runs the
 * experiment's own snapshot jar. The {@code --array} range is given at submission ({@code submit}),
 * so the same script serves re-submissions of only what is not done.
 */
public final class ArrayScript {
  private ArrayScript() {}

  /**
   * @param sweep the sweep's name, the job name
   * @param slurm the sweep's settings; unset ones are left out
   * @param tasksFile the task list, relative to the output directory
   * @param tasks how many lines the task list has (for the comment and the default array)
   */
  public static String render(String sweep, SlurmSettings slurm, String tasksFile, long tasks)
      throws HyperException {
    StringBuilder sb = new StringBuilder();
    sb.append("#!/usr/bin/env bash\n");
    sb.append("# Hyper sweep ").append(sweep).append(": a SLURM job array over ").append(tasks)
        .append(" experiments.\n");
    sb.append("# Submit with 'java -jar model.jar submit ").append(sweep).append("', which submits only what is\n");
    sb.append("# not DONE and splits arrays larger than MaxArraySize; or by hand from the output directory:\n");
    sb.append("#   sbatch --array=0-").append(tasks - 1).append(' ').append(sweep).append(".sbatch\n");
    directive(sb, "--job-name", sweep);
    directive(sb, "--qos", slurm.qos());
    directive(sb, "--time", slurm.time());
    directive(sb, "--partition", slurm.partition());
    directive(sb, "--cpus-per-task", slurm.cpus() > 0 ? Integer.toString(slurm.cpus()) : "");
    directive(sb, "--mem", slurm.mem());
    directive(sb, "--gres", slurm.gres());
    sb.append("#SBATCH --output=/dev/null\n");
    sb.append("set -euo pipefail\n");
    sb.append("task=$(( ${HYPER_TASK_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))\n");
    sb.append("line=$(sed -n \"$(( task + 1 ))p\" ").append(ShellQuote.quote(tasksFile)).append(")\n");
    sb.append("if [ -z \"$line\" ]; then echo \"hyper: no experiment for task $task\" >&2; exit 2; fi\n");
    sb.append("IFS=$'\\t' read -r conf_dir conf_path serialization_dir <<<\"$line\"\n");
    sb.append("mkdir -p -- \"$serialization_dir\"\n");
    sb.append("exec >>\"$serialization_dir/slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out\" 2>&1\n");
    sb.append("if [ -e \"$serialization_dir/DONE\" ]; then echo \"hyper: $conf_path is DONE, skipped\"; exit 0; fi\n");
    sb.append("exec java -jar \"$conf_dir/model.jar\" run \"$conf_path\"\n");
    return sb.toString();
  }

  private static void directive(StringBuilder sb, String option, String value) throws HyperException {
    if (value.isEmpty()) {
      return;
    }
    if (!ShellQuote.isSingleLine(value) || value.contains(" ")) {
      throw new HyperException("slurm " + option + " cannot hold spaces or line breaks in an #SBATCH line: '"
          + value.strip() + "'");
    }
    sb.append("#SBATCH ").append(option).append('=').append(value).append('\n');
  }
}
