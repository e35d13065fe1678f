package dev.hyper.runtime.slurm;

import dev.hyper.runtime.manifest.Task;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which SLURM array tasks and single jobs ran each experiment of a sweep ({@code JOB_INDEX}, or a job id for
 * the {@code --slurm} jobs script's), oldest first, for the experiments taken one after another in the
 * manifest's order: in memory that grows with the submissions, not with the sweep.
 *
 * <p>An array task runs task-list lines; which line is an experiment's, {@link TaskLines} says.
 */
public final class TaskRuns implements Closeable {
  /** The task-list lines one array submission ran, {@code [lo, hi)}, and its array's ranges. */
  private record Span(int order, SlurmJobs.Submission submission, long lo, long hi, int[] ranges) {
    /** The array task id that ran {@code line}, or null if this submission did not run it. */
    String ran(long line) {
      if (line < lo || line >= hi) {
        return null;
      }
      long index = line / submission.perTask() - submission.offset();
      for (int r = 0; r < ranges.length; r += 3) {
        if (index >= ranges[r] && index <= ranges[r + 1] && (index - ranges[r]) % ranges[r + 2] == 0) {
          return submission.arrayTaskId(line);
        }
      }
      return null;
    }
  }

  private record Ran(int order, String id) {}

  private final List<Span> spans;                     // by lo
  private final Map<Path, List<Ran>> singles = new HashMap<>();
  private final TaskLines lines;
  private final List<Span> active = new ArrayList<>();
  private int nextSpan;
  private long lastLine = -1;

  private TaskRuns(Path root, String sweep, List<SlurmJobs.Submission> submissions, long drawnRows)
      throws IOException {
    List<Span> spans = new ArrayList<>();
    for (int order = 0; order < submissions.size(); order++) {
      SlurmJobs.Submission s = submissions.get(order);
      if (s.experiment() != null) {
        singles.computeIfAbsent(Path.of(s.experiment()), k -> new ArrayList<>()).add(new Ran(order, s.jobId()));
        continue;
      }
      int[] ranges = SlurmJobs.parseRanges(s.array());
      if (ranges.length == 0) {
        continue;
      }
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int r = 0; r < ranges.length; r += 3) {
        min = Math.min(min, ranges[r]);
        max = Math.max(max, ranges[r + 1]);
      }
      spans.add(new Span(order, s, s.firstLine(min), s.firstLine(max) + s.perTask(), ranges));
    }
    spans.sort(Comparator.comparingLong(Span::lo));
    this.spans = spans;
    this.lines = spans.isEmpty() ? null : TaskLines.open(root, sweep, drawnRows);
  }

  /** The runs of {@code submissions} (as {@link SlurmJobs#read} has them) of the experiments of {@code sweep}. */
  public static TaskRuns open(Path root, String sweep, List<SlurmJobs.Submission> submissions) throws IOException {
    return new TaskRuns(root, sweep, submissions, 0);
  }

  /** {@link #open(Path, String, List)} of a sweep whose manifest draws its {@code drawnRows} rows from a plan. */
  public static TaskRuns open(Path root, String sweep, List<SlurmJobs.Submission> submissions, long drawnRows)
      throws IOException {
    return new TaskRuns(root, sweep, submissions, drawnRows);
  }

  /** The runs of {@code task}, the next experiment in the manifest's order (the first call: its first), oldest first. */
  public List<String> next(Task task) throws IOException {
    List<Ran> ran = new ArrayList<>(singles.getOrDefault(task.confPath(), List.of()));
    if (lines != null) {
      long line = lines.next(task);
      if (line >= 0 && !lines.isNew(line)) {
        for (Span s : covering(line)) {
          String id = s.ran(line);
          if (id != null) {
            ran.add(new Ran(s.order(), id));
          }
        }
      }
    }
    if (ran.isEmpty()) {
      return List.of();
    }
    ran.sort(Comparator.comparingInt(Ran::order));
    return ran.stream().map(Ran::id).toList();
  }

  /** The spans that may hold {@code line}: asked in ascending order, a window over the spans by lo. */
  private List<Span> covering(long line) {
    if (line < lastLine) {
      active.clear();
      nextSpan = 0;
    }
    lastLine = line;
    while (nextSpan < spans.size() && spans.get(nextSpan).lo() <= line) {
      active.add(spans.get(nextSpan++));
    }
    active.removeIf(s -> s.hi() <= line);
    return active;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
  }
}
