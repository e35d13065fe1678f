package dev.hyper.runtime.slurm;

import dev.hyper.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The submissions of a sweep, {@code SWEEP-slurm-jobs.tsv} in its output directory: a header, then one
 * line per {@code sbatch} that succeeded, oldest first:
 * <pre>
 * job_id  offset  array     tasks  submitted
 * 1234    0       0-71%4    72     2026-11-27T19:20:35Z
 * 1240    -       -         1      2026-11-27T19:21:02Z  config/generated/rnn/0116ed021c6b/0/0116ed021c6b.toml
 * </pre>
 * Array task {@code i} of job {@code job_id} is number {@code n = offset + i} and runs line {@code n} of the
 * task list; an array submitted with {@code --per-task K} has a sixth field {@code K} and runs lines
 * {@code n*K .. n*K+K-1}. A line whose offset and array are {@code -} is a single job (no array) that runs
 * the one experiment its sixth field names: the {@code --slurm} jobs script appends one per {@code sbatch}
 * it makes.
 */
public final class SlurmJobs {
  public static final String HEADER = "job_id\toffset\tarray\ttasks\tsubmitted";

  private SlurmJobs() {}

  /**
   * One {@code sbatch}.
   *
   * @param jobId the array job's id
   * @param offset added to an array index to get a task number
   * @param array the {@code --array} value, e.g. {@code 0-5,7%4}
   * @param tasks how many array tasks it has
   * @param submitted when (ISO-8601, UTC)
   * @param experiment for a single job, the TOML of the experiment it runs (relative to the output
   *     directory, with {@code /}); null for an array over the task list
   * @param perTask how many task-list lines each array task runs (1 for a single job)
   */
  public record Submission(String jobId, long offset, String array, int tasks, String submitted, String experiment,
      int perTask) {
    /** Marks the offset and array fields of a single job's line. */
    static final String NONE = "-";

    public Submission {
      Objects.requireNonNull(jobId);
      Objects.requireNonNull(array);
      Objects.requireNonNull(submitted);
      if (perTask < 1) {
        throw new IllegalArgumentException("per_task must be at least 1, was " + perTask);
      }
    }

    /** An array over the task list, one line per array task. */
    public Submission(String jobId, long offset, String array, int tasks, String submitted) {
      this(jobId, offset, array, tasks, submitted, null, 1);
    }

    /** An array over the task list, {@code perTask} lines per array task. */
    public Submission(String jobId, long offset, String array, int tasks, String submitted, int perTask) {
      this(jobId, offset, array, tasks, submitted, null, perTask);
    }

    /** The first task-list line array index {@code index} runs. */
    public long firstLine(int index) {
      return (offset + index) * perTask;
    }

    /** The array indexes of {@link #array}, ascending as written; none for a single job. */
    public List<Integer> indexes() {
      return experiment != null ? List.of() : parseIndexes(array);
    }

    /** The SLURM id of the array task that runs task-list line {@code line}: {@code JOB_INDEX}; a single job's id. */
    public String arrayTaskId(long line) {
      return experiment != null ? jobId : jobId + "_" + (line / perTask - offset);
    }
  }

  /** The submissions recorded under {@code root}, oldest first; empty if none. */
  public static List<Submission> read(Path root, String sweep) throws IOException {
    Path file = root.resolve(SlurmFiles.jobsFile(sweep));
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Submission> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank() || line.equals(HEADER) || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      try {
        if (f.length == 6 && f[1].equals(Submission.NONE) && f[2].equals(Submission.NONE)
            && f[0].matches("[0-9]+") && !f[5].isEmpty()) {
          out.add(new Submission(f[0], 0, Submission.NONE, 1, f[4], f[5], 1));
          continue;
        }
        if (f.length != 5 && f.length != 6) {
          throw new IllegalArgumentException("expected 5 tab-separated fields (6 with per_task or for a single job)");
        }
        Submission s = new Submission(f[0], Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), f[4],
            f.length == 6 ? Integer.parseInt(f[5]) : 1);
        s.indexes();
        out.add(s);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + n + ": not a submission (" + e.getMessage() + "): " + line);
      }
    }
    return out;
  }

  /** Adds {@code s} to the record under {@code root}, writing the whole file anew and renaming it into place. */
  public static void append(Path root, String sweep, Submission s) throws IOException {
    Path file = root.resolve(SlurmFiles.jobsFile(sweep));
    StringBuilder text = new StringBuilder();
    if (Files.isRegularFile(file)) {
      text.append(Files.readString(file, StandardCharsets.UTF_8));
      if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
    }
    if (text.length() == 0) {
      text.append(HEADER).append('\n');
    }
    if (s.experiment() != null) {
      text.append(s.jobId()).append("\t-\t-\t1\t").append(s.submitted()).append('\t').append(s.experiment())
          .append('\n');
    } else {
      text.append(s.jobId()).append('\t').append(s.offset()).append('\t').append(s.array()).append('\t')
          .append(s.tasks()).append('\t').append(s.submitted()).append(s.perTask() == 1 ? "" : "\t" + s.perTask())
          .append('\n');
    }
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * The indexes of an {@code --array} value: {@code 0-3,7,9-10%2} is 0, 1, 2, 3, 7, 9, 10 ({@code :step}
   * is understood too).
   */
  static List<Integer> parseIndexes(String array) {
    int[] ranges = parseRanges(array);
    List<Integer> out = new ArrayList<>();
    for (int r = 0; r < ranges.length; r += 3) {
      for (int i = ranges[r]; i <= ranges[r + 1]; i += ranges[r + 2]) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The ranges of an {@code --array} value, as {@code from, to, step} triples: {@code 0-3,7,9-10:1%2} is
   * {@code 0 3 1 7 7 1 9 10 1}.
   */
  static int[] parseRanges(String array) {
    String spec = array.contains("%") ? array.substring(0, array.indexOf('%')) : array;
    String[] parts = spec.split(",");
    int[] out = new int[parts.length * 3];
    for (int p = 0; p < parts.length; p++) {
      String part = parts[p];
      int step = 1;
      String range = part;
      if (part.contains(":")) {
        step = Integer.parseInt(part.substring(part.indexOf(':') + 1));
        range = part.substring(0, part.indexOf(':'));
      }
      if (step < 1) {
        throw new IllegalArgumentException("bad step in " + array);
      }
      int dash = range.indexOf('-');
      out[3 * p] = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      out[3 * p + 1] = dash < 0 ? out[3 * p] : Integer.parseInt(range.substring(dash + 1));
      out[3 * p + 2] = step;
    }
    return out;
  }
}
