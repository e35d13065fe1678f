package dev.hyper.runtime.slurm;

import dev.hyper.runtime.HyperException;
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
 * The SLURM commands Hyper calls: {@code scontrol show config} for MaxArraySize, {@code sbatch} to
 * submit an array chunk, {@code squeue} for the state of submitted jobs. Every call checks the exit
 * code; a failing command is an error with its output, never a silent success.
 */
public final class SlurmClient {
  private static final Pattern MAX_ARRAY = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)");
  private static final Pattern JOB_ID = Pattern.compile("^(\\d+)(;\\S+)?$");

  /** The output of a finished command. */
  record Output(int exitCode, String stdout, String stderr) {}

  /** MaxArraySize from {@code scontrol show config}: array indexes must stay below it. */
  public int maxArraySize() throws HyperException {
    Output o = call(List.of("scontrol", "show", "config"));
    Matcher m = MAX_ARRAY.matcher(o.stdout());
    if (!m.find()) {
      throw new HyperException("scontrol show config printed no MaxArraySize; pass --max-array-size");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Submits one chunk of {@code script} from {@code workDir} and returns its job id.
   *
   * @param maxParallel the {@code %N} throttle, 0 for none
   */
  public String submit(Path script, Path workDir, ArrayChunk chunk, int maxParallel) throws HyperException {
    List<String> command = new ArrayList<>(List.of("sbatch", "--parsable",
        "--chdir=" + workDir.toAbsolutePath(),
        "--array=" + chunk.arraySpec(maxParallel),
        "--export=ALL,HYPER_TASK_OFFSET=" + chunk.offset(),
        script.toAbsolutePath().toString()));
    Output o = call(command);
    String id = o.stdout().strip();
    Matcher m = JOB_ID.matcher(id);
    if (!m.matches()) {
      throw new HyperException("sbatch printed no job id: '" + id + "' " + o.stderr().strip());
    }
    return m.group(1);
  }

  /** The queue state (PENDING, RUNNING, ...) of each array task still in the queue, by "job_task" id. */
  public Map<String, String> queued(List<String> jobIds) throws HyperException {
    Map<String, String> states = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return states;
    }
    Output o = call(List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds), "-o", "%i %T"));
    for (String line : o.stdout().split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        states.put(parts[0], parts[1]);
      }
    }
    return states;
  }

  private static Output call(List<String> command) throws HyperException {
    try {
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
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
