package dev.hyper.runtime.slurm;

import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.shell.ShellQuote;

/**
 * The job-array script {@code <sweep>.sbatch}: array task {@code j} is number
 * {@code n = HYPER_TASK_OFFSET + SLURM_ARRAY_TASK_ID} and runs the lines {@code n*K .. n*K+K-1} of the
 * sweep's task list ({@code K = HYPER_PER_TASK}, 1 unless {@code submit --per-task K}; each line: conf dir,
 * conf path, serialization dir, tab-separated, relative to the output directory) one after another; where the
 * task list has none for it (rows a lazy sweep draws from its manifest's plan) it gets them from the sweep's
 * program ({@link #TASK_LINES}, {@link DrawnLines}). For
 * each it skips the experiment when it is {@code DONE}, sends the output to the experiment's serialization
 * dir ({@code slurm-JOB_TASK.out}), and runs the experiment's {@link dev.hyper.runtime.launch.LaunchCommand}:
 * {@code $HYPER_JAVA}, else the java of the sweep's runtime where it exists on the node, else {@code java}
 * from PATH, with the task's JVM options. An experiment that fails fails alone: the next ones still run, and
 * the array task exits with the first failure's code (0 when every one is DONE). The script's own
 * {@code --array} covers every task; {@code submit} overrides it on the command line with only the tasks
 * that are not done (split under MaxArraySize, with {@code HYPER_TASK_OFFSET}), so the same script serves
 * re-submissions. A task that cannot find its experiment appends a line to {@code <sweep>-slurm-errors.log}
 * in the output directory (its job output goes to {@code /dev/null}).
 *
 * <p>Time limits and preemption: the script asks for {@code --signal=B:USR1@SIGNAL} (SLURM warns the
 * script, not the JVM, that many seconds before the time limit) and {@code --requeue}. It runs each JVM
 * as a child and forwards USR1 and TERM to it; {@code run} turns either into a stop request, the
 * trainer checkpoints and {@code run} exits 3 ({@link ExitCodes#INTERRUPTED}); no further experiment of the
 * task starts. After USR1 alone (the time limit's warning) the task requeues itself with
 * {@code scontrol requeue} while {@code SLURM_RESTART_COUNT} is below {@code max_requeues}; after TERM
 * (preemption, which SLURM requeues, or {@code scancel}, or the limit itself) it leaves the requeue to SLURM.
 * The requeued task runs the same lines: it skips the {@code DONE} ones and the ones that failed in an
 * earlier run of the same array task (their log says so), and resumes the interrupted one from its checkpoint.
 */
public final class ArrayScript {
  /** The exit code of {@code run} for a run that was asked to stop and saved a checkpoint. */
  private static final int INTERRUPTED = ExitCodes.INTERRUPTED;
  /** Added to {@code SLURM_ARRAY_TASK_ID} to get the array task's number (submit splits under MaxArraySize). */
  public static final String OFFSET_VAR = "HYPER_TASK_OFFSET";
  /** How many task-list lines each array task runs, one after another ({@code submit --per-task}; default 1). */
  public static final String PER_TASK_VAR = "HYPER_PER_TASK";
  /** How the line starts that an array task writes into an experiment's SLURM log when its run failed. */
  public static final String FAILED_HERE = "hyper: failed in this array task";

  /** The command of a sweep's program that prints the task-list lines of drawn rows. */
  public static final String TASK_LINES = "task-lines";

  private ArrayScript() {}

  /**
   * @param sweep the sweep's name, the job name
   * @param slurm the sweep's settings; unset ones are left out
   * @throws HyperException if a setting is wrong ({@link SlurmValues#check})
   * @param tasksFile the task list, relative to the output directory
   * @param tasks how many lines the task list has (for the comment and the default array)
   */
  public static String render(String sweep, SlurmSettings slurm, String tasksFile, long tasks)
      throws HyperException {
    return render(sweep, slurm, tasksFile, tasks, null);
  }

  /**
   * Where an array task gets its lines when the task list has none for it: the manifest draws those rows from a
   * plan ({@code DrawnRows}), and the lazy invocation's program prints their lines ({@code task-lines}).
   *
   * @param jar that program's jar, relative to the output directory
   * @param javaHome the runtime the sweep ran on, or null when not known
   */
  public record DrawnLines(String jar, String javaHome) {}

  /** {@link #render(String, SlurmSettings, String, long)} of a sweep whose rows {@code drawn} gives, if not null. */
  public static String render(String sweep, SlurmSettings slurm, String tasksFile, long tasks, DrawnLines drawn)
      throws HyperException {
    SlurmValues.check(slurm);
    StringBuilder sb = new StringBuilder();
    sb.append("#!/usr/bin/env bash\n");
    sb.append("# Hyper sweep ").append(sweep).append(": a SLURM job array over ").append(tasks)
        .append(" experiments.\n");
    sb.append("# Submit with 'java -jar model.jar submit ").append(sweep).append("', which submits only what is\n");
    sb.append("# not DONE, splits arrays larger than MaxArraySize and stays under the site's job limits; or by\n");
    sb.append("# hand from the output directory (one experiment per array task):\n");
    sb.append("#   sbatch ").append(sweep).append(".sbatch\n");
    String throttle = slurm.maxParallel() > 0 ? "%" + slurm.maxParallel() : "";
    directive(sb, "--array", (tasks > 1 ? "0-" + (tasks - 1) : "0") + throttle);
    directive(sb, "--job-name", sweep);
    directive(sb, "--qos", slurm.qos());
    directive(sb, "--time", slurm.time());
    directive(sb, "--partition", slurm.partition());
    directive(sb, "--cpus-per-task", slurm.cpus() > 0 ? Integer.toString(slurm.cpus()) : "");
    directive(sb, "--mem", slurm.mem());
    directive(sb, "--gres", slurm.gres());
    directive(sb, "--signal", slurm.signal() > 0 ? "B:USR1@" + slurm.signal() : "");
    sb.append("#SBATCH --requeue\n");
    sb.append("#SBATCH --output=/dev/null\n");
    sb.append("set -euo pipefail\n");
    sb.append("fail() {\n");
    sb.append("  echo \"hyper: $(date -u +%Y-%m-%dT%H:%M:%SZ) job ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?}: $*\" >>")
        .append(ShellQuote.quote(Layout.slashes(Layout.slurmErrors(sweep)))).append('\n');
    sb.append("  exit 2\n");
    sb.append("}\n");
    sb.append("per_task=${").append(PER_TASK_VAR).append(":-1}\n");
    sb.append("task=$(( ( ${").append(OFFSET_VAR).append(":-0} + SLURM_ARRAY_TASK_ID ) * per_task ))\n");
    sb.append("lines=$(sed -n \"$(( task + 1 )),$(( task + per_task ))p\" ").append(ShellQuote.quote(tasksFile))
        .append(") || fail \"cannot read the task list in $PWD\"\n");
    if (drawn != null) {
      sb.append("if [ -z \"$lines\" ]; then\n");
      sb.append("  # the manifest draws these rows from its plan: the sweep's program prints their lines\n");
      sb.append("  ").append(LaunchCommand.chooseJava(drawn.javaHome())).append('\n');
      sb.append("  lines=$(\"$").append(LaunchCommand.JAVA_VAR).append("\" -jar ").append(ShellQuote.quote(drawn.jar()))
          .append(" ").append(TASK_LINES).append(" ").append(ShellQuote.quote(sweep))
          .append(" --out . --from \"$task\" --count \"$per_task\") || fail \"cannot draw the lines of task $task\"\n");
      sb.append("fi\n");
    }
    sb.append("[ -n \"$lines\" ] || fail \"no experiment for task $task in the task list\"\n");
    sb.append("mapfile -t experiments <<<\"$lines\"\n");
    sb.append("log=slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out\n");
    sb.append("warned=0; terminated=0; child=; stopped=0; rc=0\n");
    sb.append("trap 'warned=1; trapped=1; [ -z \"$child\" ] || kill -USR1 \"$child\" 2>/dev/null || true' USR1\n");
    sb.append("trap 'terminated=1; trapped=1; [ -z \"$child\" ] || kill -TERM \"$child\" 2>/dev/null || true' TERM\n");
    sb.append("row=$(( task - 1 ))\n");
    sb.append("for line in \"${experiments[@]}\"; do\n");
    sb.append("  row=$(( row + 1 ))\n");
    sb.append("  IFS=$'\\t' read -r -a f <<<\"$line\"\n");
    sb.append("  conf_dir=${f[0]}; conf_path=${f[1]}; serialization_dir=${f[2]}; java_home=${f[3]:--}\n");
    sb.append("  jvm_args=(\"${f[@]:4}\")\n");
    sb.append("  if [ \"$java_home\" != - ] && [ -x \"$java_home/bin/java\" ]; then ")
        .append(LaunchCommand.JAVA_VAR).append("=$java_home/bin/java; else ").append(LaunchCommand.JAVA_VAR)
        .append("=java; fi\n");
    sb.append("  if [ -e \"$serialization_dir/DONE\" ]; then\n");
    sb.append("    echo \"hyper: $conf_path is DONE, skipped\" >>\"$serialization_dir/$log\"; continue\n");
    sb.append("  fi\n");
    sb.append("  if [ \"$warned\" = 1 ] || [ \"$terminated\" = 1 ]; then stopped=1; break; fi\n");
    sb.append("  mkdir -p -- \"$serialization_dir\"\n");
    sb.append("  exec >>\"$serialization_dir/$log\" 2>&1\n");
    // a requeued task does not run again what failed in an earlier run of the same array task
    sb.append("  if [ -e \"$serialization_dir/FAILED\" ] && grep -q '^").append(FAILED_HERE)
        .append("' \"$serialization_dir/$log\"; then\n");
    sb.append("    echo \"hyper: $conf_path failed in an earlier run of this array task, skipped\"; rc=1; continue\n");
    sb.append("  fi\n");
    // a lazy sweep's task names its manifest row, so that run finds it without reading the manifest up to it
    sb.append("  row_args=(); case \"$conf_dir\" in */.lazy/*) row_args=(").append(LaunchCommand.ROW_OPTION)
        .append(" \"$row\");; esac\n");
    sb.append("  \"${HYPER_JAVA:-$").append(LaunchCommand.JAVA_VAR).append("}\" ${jvm_args[@]+\"${jvm_args[@]}\"} -jar \"$conf_dir/")
        .append(Layout.SNAPSHOT_FILE).append("\" run \"$conf_path\" ${row_args[@]+\"${row_args[@]}\"} &\n");
    sb.append("  child=$!\n");
    sb.append("  if [ \"$terminated\" = 1 ]; then kill -TERM \"$child\" 2>/dev/null || true;"
        + " elif [ \"$warned\" = 1 ]; then kill -USR1 \"$child\" 2>/dev/null || true; fi\n");
    sb.append("  while :; do\n");
    sb.append("    trapped=0; status=0\n");
    sb.append("    wait \"$child\" || status=$?\n");
    sb.append("    if [ \"$trapped\" = 1 ] && [ \"$status\" -gt 128 ] && kill -0 \"$child\" 2>/dev/null; then continue; fi\n");
    sb.append("    break\n");
    sb.append("  done\n");
    sb.append("  child=\n");
    sb.append("  if [ \"$status\" = 0 ]; then continue; fi\n");
    sb.append("  if [ \"$status\" = ").append(INTERRUPTED)
        .append(" ] && { [ \"$warned\" = 1 ] || [ \"$terminated\" = 1 ]; }; then stopped=1; break; fi\n");
    sb.append("  echo \"").append(FAILED_HERE).append(" (exit $status)\"\n");
    sb.append("  [ \"$rc\" != 0 ] || rc=$status\n");
    sb.append("done\n");
    sb.append("restarts=${SLURM_RESTART_COUNT:-0}\n");
    sb.append("if [ \"$stopped\" = 1 ] && [ \"$warned\" = 1 ] && [ \"$terminated\" = 0 ]; then\n");
    sb.append("  if [ \"$restarts\" -lt ").append(slurm.maxRequeues()).append(" ]; then\n");
    sb.append("    echo \"hyper: stopped at the time limit's warning, checkpointed: requeueing (restart $(( restarts + 1 ))"
        + " of at most ").append(slurm.maxRequeues()).append(")\"\n");
    sb.append("    scontrol requeue \"$SLURM_JOB_ID\" && exit 0\n");
    sb.append("    echo \"hyper: scontrol requeue $SLURM_JOB_ID failed; submit again to resume\"\n");
    sb.append("  else\n");
    sb.append("    echo \"hyper: stopped at the time limit's warning after $restarts restarts (max_requeues ")
        .append(slurm.maxRequeues()).append("): not requeued; submit again to resume\"\n");
    sb.append("  fi\n");
    sb.append("fi\n");
    sb.append("if [ \"$stopped\" = 1 ]; then exit ").append(INTERRUPTED).append("; fi\n");
    sb.append("exit \"$rc\"\n");
    return sb.toString();
  }

  /** One {@code #SBATCH} line; the value is one word ({@link SlurmValues#check}). */
  private static void directive(StringBuilder sb, String option, String value) {
    if (value.isEmpty()) {
      return;
    }
    sb.append("#SBATCH ").append(option).append('=').append(value).append('\n');
  }
}
