package dev.hyper.runtime.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code submit} sends: the task-list lines to run, packed {@code perTask} to an array task
 * (array task {@code n} runs lines {@code n*perTask .. n*perTask+perTask-1}, so it is submitted if any of
 * them is to run; the others of its lines it skips when DONE), at most {@code capacity} array tasks (the
 * lowest numbers first), split into arrays whose indexes stay below MaxArraySize.
 *
 * @param parts the arrays to submit, in order
 * @param perTask lines per array task
 * @param leftTasks array tasks that did not fit under {@code capacity}
 * @param leftExperiments the selected lines in them
 */
public record SubmitPlan(List<Part> parts, int perTask, long leftTasks, long leftExperiments) {
  /**
   * One array to submit.
   *
   * @param chunk its array indexes and offset, in array tasks
   * @param experiments how many of the selected lines its tasks run
   */
  public record Part(ArrayChunk chunk, int experiments) {}

  public SubmitPlan {
    parts = List.copyOf(parts);
  }

  /**
   * @param lines the task-list lines to run, ascending and distinct
   * @param perTask lines per array task, at least 1
   * @param maxArraySize array indexes stay below it
   * @param capacity how many array tasks may be submitted now ({@link Long#MAX_VALUE} for no limit)
   */
  public static SubmitPlan of(List<Long> lines, int perTask, int maxArraySize, long capacity) {
    if (perTask < 1) {
      throw new IllegalArgumentException("perTask must be >= 1, was " + perTask);
    }
    List<Long> tasks = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    long previous = -1;
    for (long line : lines) {
      if (line <= previous) {
        throw new IllegalArgumentException("lines must be ascending and distinct: " + previous + ", " + line);
      }
      previous = line;
      long task = line / perTask;
      if (tasks.isEmpty() || tasks.get(tasks.size() - 1) != task) {
        tasks.add(task);
        counts.add(0);
      }
      counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
    }
    int fit = (int) Math.min(tasks.size(), Math.max(0, capacity));
    long left = 0;
    for (int i = fit; i < counts.size(); i++) {
      left += counts.get(i);
    }
    List<Part> parts = new ArrayList<>();
    int next = 0;
    for (ArrayChunk c : ArrayChunk.split(tasks.subList(0, fit), maxArraySize)) {
      int experiments = 0;
      for (int k = 0; k < c.size(); k++) {
        experiments += counts.get(next++);
      }
      parts.add(new Part(c, experiments));
    }
    return new SubmitPlan(parts, perTask, tasks.size() - fit, left);
  }

  /** How many array tasks are submitted. */
  public long tasks() {
    return parts.stream().mapToLong(p -> p.chunk().size()).sum();
  }

  /** How many of the selected lines they run. */
  public long experiments() {
    return parts.stream().mapToLong(Part::experiments).sum();
  }
}
