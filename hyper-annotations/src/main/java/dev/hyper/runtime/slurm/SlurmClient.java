package dev.hyper.runtime.slurm;

import dev.hyper.runtime.error.HyperException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SLURM commands Hyper calls: {@code scontrol show config} for MaxArraySize and MaxJobCount,
 * {@code sacctmgr} and {@code squeue} for the submit limits ({@link SubmitLimits}), {@code sbatch} to
 * submit an array chunk, {@code squeue} for the state of submitted jobs, {@code sacct} for how they ended. Every call checks the exit
 * code; a failing command is an error with its output, never a silent success.
 */
public final class SlurmClient {
  private static final Pattern CONFIG_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*=(.*)$");
  static final String MAX_ARRAY_SIZE = "MaxArraySize";
  private static final Pattern JOB_ID = Pattern.compile("^(\\d+)(;\\S+)?$");

  /** The output of a finished command. */
  record Output(int exitCode, String stdout, String stderr) {}

  private final Path bin;

  /** Calls the SLURM commands on PATH. */
  public SlurmClient() {
    this(null);
  }

  /** Calls the SLURM commands in {@code bin} (for tests), or on PATH if null. */
  public SlurmClient(Path bin) {
    this.bin = bin;
  }

  /** {@code scontrol show config}: each {@code Name = value} line, by name. */
  public Map<String, String> config() throws HyperException {
    Map<String, String> config = new LinkedHashMap<>();
    for (String line : call(List.of("scontrol", "show", "config")).stdout().split("\n")) {
      Matcher m = CONFIG_LINE.matcher(line);
      if (m.matches()) {
        config.put(m.group(1), m.group(2).strip());
      }
    }
    return config;
  }

  /** MaxArraySize of a {@link #config}: array indexes must stay below it. */
  public static int maxArraySize(Map<String, String> config) throws HyperException {
    String value = config.getOrDefault(MAX_ARRAY_SIZE, "");
    if (!value.matches("[0-9]{1,9}")) {
      throw new HyperException("scontrol show config printed no MaxArraySize; pass --max-array-size");
    }
    return Integer.parseInt(value);
  }

  /**
   * The rows of {@code sacctmgr show} {@code entity} (assoc, user, qos) {@code where} the conditions
   * ({@code user=NAME}...), each the {@code format} fields split at {@code |}.
   */
  List<String[]> sacctmgr(String entity, List<String> where, String format) throws HyperException {
    List<String> command = new ArrayList<>(List.of("sacctmgr", "-n", "-P", "show", entity));
    if (!where.isEmpty()) {
      command.add("where");
      command.addAll(where);
    }
    command.add("format=" + format);
    List<String[]> rows = new ArrayList<>();
    for (String line : call(command).stdout().split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.strip().split("\\|", -1));
      }
    }
    return rows;
  }

  /**
   * One line per job, and per array task ({@code -r}), in the queue: of {@code user} in the states squeue
   * shows by default (pending, running, suspended, completing...), or with {@code user} null of every user
   * in any state slurmctld still holds ({@code -t all}). Each line is squeue's {@code format}.
   */
  List<String> jobs(String user, String format) throws HyperException {
    List<String> command = new ArrayList<>(List.of("squeue", "-h", "-r"));
    command.addAll(user == null ? List.of("-t", "all") : List.of("-u", user));
    command.addAll(List.of("-o", format));
    return call(command).stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * Submits one chunk of {@code script} from {@code workDir} and returns its job id.
   *
   * @param maxParallel the {@code %N} throttle, 0 for none
   * @param perTask how many task-list lines each array task runs
   */
  public String submit(Path script, Path workDir, ArrayChunk chunk, int maxParallel, int perTask)
      throws HyperException {
    Output o = call(submitCommand(script, workDir, chunk, maxParallel, perTask));
    String id = o.stdout().strip();
    Matcher m = JOB_ID.matcher(id);
    if (!m.matches()) {
      throw new HyperException("sbatch printed no job id: '" + id + "' " + o.stderr().strip());
    }
    return m.group(1);
  }

  /**
   * Submits a one-task job that runs {@code shell} (a {@code sh} script, as {@code --wrap} takes it) in {@code
   * workDir} once every job of {@code after} has ended, however it ended; returns its job id.
   *
   * @param output where its output is appended, relative to {@code workDir}
   */
  public String submitAfter(Path workDir, List<String> after, String jobName, String output, String shell)
      throws HyperException {
    Output o = call(submitAfterCommand(workDir, after, jobName, output, shell));
    Matcher m = JOB_ID.matcher(o.stdout().strip());
    if (!m.matches()) {
      throw new HyperException("sbatch printed no job id: '" + o.stdout().strip() + "' " + o.stderr().strip());
    }
    return m.group(1);
  }

  /** The {@code sbatch} command {@link #submitAfter} runs. */
  public List<String> submitAfterCommand(Path workDir, List<String> after, String jobName, String output,
      String shell) {
    List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--chdir=" + workDir.toAbsolutePath(),
        "--job-name=" + jobName, "--output=" + output, "--open-mode=append", "--ntasks=1"));
    if (!after.isEmpty()) {
      command.add("--dependency=afterany:" + String.join(":", after));
    }
    command.add("--wrap=" + shell);
    return command;
  }

  /** The {@code sbatch} command {@link #submit} runs. */
  public List<String> submitCommand(Path script, Path workDir, ArrayChunk chunk, int maxParallel, int perTask) {
    return List.of("sbatch", "--parsable",
        "--chdir=" + workDir.toAbsolutePath(),
        "--array=" + chunk.arraySpec(maxParallel),
        "--export=ALL," + ArrayScript.OFFSET_VAR + "=" + chunk.offset()
            + (perTask == 1 ? "" : "," + ArrayScript.PER_TASK_VAR + "=" + perTask),
        script.toAbsolutePath().toString());
  }

  /**
   * The queue state (PENDING, RUNNING, COMPLETING, ...) of each array task of {@code jobIds} still in
   * the queue, by {@code JOB_INDEX} id. Jobs SLURM no longer knows are simply not in the result.
   */
  public Map<String, String> queued(List<String> jobIds) throws HyperException {
    Map<String, String> states = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return states;
    }
    try {
      parseQueue(call(squeue(jobIds)).stdout(), states);
    } catch (HyperException e) {
      if (!e.getMessage().contains("Invalid job id")) {
        throw e;
      }
      // squeue fails when a job it is asked about has left slurmctld's memory: ask one by one
      for (String id : jobIds) {
        try {
          parseQueue(call(squeue(List.of(id))).stdout(), states);
        } catch (HyperException gone) {
          if (!gone.getMessage().contains("Invalid job id")) {
            throw gone;
          }
        }
      }
    }
    return states;
  }

  /**
   * Every run of every array task of {@code jobIds} from {@code sacct -D}.
   *
   * @throws HyperException if sacct fails, e.g. where the cluster keeps no accounting
   */
  public Accounting accounting(List<String> jobIds) throws HyperException {
    if (jobIds.isEmpty()) {
      return Accounting.parse("");
    }
    return Accounting.parse(call(List.of("sacct", "-n", "-P", "-X", "-D", "-j", String.join(",", jobIds), "-o",
        Accounting.FORMAT)).stdout());
  }

  private static List<String> squeue(List<String> jobIds) {
    return List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds), "-o", "%i %T");
  }

  private static void parseQueue(String stdout, Map<String, String> states) {
    for (String line : stdout.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        states.put(parts[0], parts[1]);
      }
    }
  }

  /**
   * How the array tasks of {@code jobId} ended or stand, from {@code scontrol show job} (which keeps
   * finished jobs for MinJobAge seconds only): by {@code JOB_INDEX} id (a single job: by its id), e.g.
   * {@code state FAILED, exit 2:0}.
   * Empty if SLURM no longer knows the job.
   */
  public Map<String, String> jobStates(String jobId) throws HyperException {
    Map<String, String> states = new LinkedHashMap<>();
    Output o;
    try {
      o = call(List.of("scontrol", "-o", "show", "job", jobId));
    } catch (HyperException e) {
      if (e.getMessage().contains("Invalid job id")) {
        return states;
      }
      throw e;
    }
    for (String line : o.stdout().split("\n")) {
      Matcher array = SCONTROL_ARRAY.matcher(line);
      Matcher single = SCONTROL_JOB.matcher(line);
      Matcher state = SCONTROL_STATE.matcher(line);
      String id = array.find() ? array.group(1) + "_" + array.group(2) : single.find() ? single.group(1) : null;
      if (id != null && state.find()) {
        Matcher exit = SCONTROL_EXIT.matcher(line);
        states.put(id, "state " + state.group(1) + (exit.find() ? ", exit " + exit.group(1) : ""));
      }
    }
    return states;
  }

  private static final Pattern SCONTROL_ARRAY = Pattern.compile("\\bArrayJobId=(\\d+) ArrayTaskId=(\\d+)\\b");
  private static final Pattern SCONTROL_JOB = Pattern.compile("^JobId=(\\d+)\\b");
  private static final Pattern SCONTROL_STATE = Pattern.compile("\\bJobState=([A-Z_]+)");
  private static final Pattern SCONTROL_EXIT = Pattern.compile("\\bExitCode=(\\d+:\\d+)");

  private Output call(List<String> command) throws HyperException {
    List<String> resolved = new ArrayList<>(command);
    if (bin != null) {
      resolved.set(0, bin.resolve(command.get(0)).toString());
    }
    try {
      Process p = new ProcessBuilder(resolved).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      java.util.concurrent.CompletableFuture<byte[]> errBytes = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = errBytes.join();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new HyperException(command.get(0) + " did not answer within 2 minutes");
      }
      Output o = new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
      if (o.exitCode() != 0) {
        throw new HyperException(String.join(" ", command) + " failed (exit " + o.exitCode() + "): "
            + (o.stderr().strip() + " " + o.stdout().strip()).strip());
      }
      return o;
    } catch (IOException e) {
      throw new HyperException(command.get(0) + " could not be run (is SLURM installed and on PATH?): "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyperException(command.get(0) + " was interrupted");
    }
  }
}
