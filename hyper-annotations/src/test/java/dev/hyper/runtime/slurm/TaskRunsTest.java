package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which array tasks and single jobs ran each experiment, as status reads them one experiment at a time: arrays
 * over parts of the task list, re-submissions, several lines per array task, a single job of the jobs script,
 * experiments past the task list's end, and a task list in another order than the manifest's.
 */
class TaskRunsTest {
  @TempDir Path root;

  private static final int N = 7;

  private List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String id = "e" + i;
      tasks.add(new Task(root, Layout.confPath("toy", id, 0), Layout.serializationDir("toy", id, 0)));
    }
    return tasks;
  }

  /** Writes the task list of {@code tasks} (the first {@code lines}), in that order. */
  private void taskList(List<Task> tasks, int lines) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Task t : tasks.subList(0, lines)) {
      sb.append(Layout.slashes(t.confDir())).append('\t').append(Layout.slashes(t.confPath())).append('\t')
          .append(Layout.slashes(t.serializationDir())).append('\n');
    }
    Path file = root.resolve(SlurmFiles.tasksFile("toy"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb);
  }

  private List<SlurmJobs.Submission> submissions(List<Task> tasks) {
    return List.of(
        new SlurmJobs.Submission("10", 0, "0-2", 3, "t"),                  // lines 0-2
        new SlurmJobs.Submission("11", 3, "0-1%1", 2, "t"),                // lines 3-4
        new SlurmJobs.Submission("12", 0, "1", 1, "t"),                    // line 1 again
        new SlurmJobs.Submission("13", 0, SlurmJobs.Submission.NONE, 1, "t", Layout.slashes(tasks.get(5).confPath()),
            1),                                                               // the jobs script's single job
        new SlurmJobs.Submission("14", 0, "0-4:2", 3, "t", 2));              // 2 lines a task: 0-1, 4-5, 8-9
  }

  private static final List<List<String>> EXPECTED = List.of(
      List.of("10_0", "14_0"),
      List.of("10_1", "12_1", "14_0"),
      List.of("10_2"),
      List.of("11_0"),
      List.of("11_1", "14_2"),
      List.of("13", "14_2"),
      List.of());                                                            // past the task list's end

  @Test
  void eachExperimentGetsTheRunsThatRanItsLineOldestFirst() throws Exception {
    List<Task> tasks = tasks();
    taskList(tasks, 6);
    List<List<String>> got = new ArrayList<>();
    try (TaskRuns runs = TaskRuns.open(root, "toy", submissions(tasks))) {
      for (Task t : tasks) {
        got.add(runs.next(t));
      }
    }
    assertEquals(EXPECTED, got);
  }

  @Test
  void aTaskListInAnotherOrderIsReadWholeAndGivesTheSameRuns() throws Exception {
    List<Task> tasks = tasks();
    List<Task> swapped = new ArrayList<>(tasks);
    swapped.set(2, tasks.get(3));                 // the task list has e3 on line 2 and e2 on line 3
    swapped.set(3, tasks.get(2));
    taskList(swapped, 6);
    List<List<String>> got = new ArrayList<>();
    try (TaskRuns runs = TaskRuns.open(root, "toy", submissions(tasks))) {
      for (Task t : tasks) {
        got.add(runs.next(t));
      }
    }
    assertEquals(List.of(EXPECTED.get(0), EXPECTED.get(1), EXPECTED.get(3), EXPECTED.get(2), EXPECTED.get(4),
        EXPECTED.get(5), EXPECTED.get(6)), got);
  }

  @Test
  void rowsDrawnFromTheManifestsPlanHaveTheirLinesThoughTheTaskListHoldsNone() throws Exception {
    List<Task> tasks = tasks();
    taskList(tasks, 0);                           // a drawn sweep's task list: empty
    List<List<String>> got = new ArrayList<>();
    try (TaskRuns runs = TaskRuns.open(root, "toy", submissions(tasks), N)) {
      for (Task t : tasks) {
        got.add(runs.next(t));
      }
    }
    assertEquals(EXPECTED, got);
    List<List<String>> listed = new ArrayList<>();
    try (TaskRuns runs = TaskRuns.open(root, "toy", submissions(tasks))) {
      for (Task t : tasks) {
        listed.add(runs.next(t));
      }
    }
    assertEquals(List.of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("13"), List.of()), listed,
        "read as a listed sweep's, an empty task list has no line an array ran");
  }

  @Test
  void withoutArraysOnlyTheSingleJobsCount() throws Exception {
    List<Task> tasks = tasks();
    List<SlurmJobs.Submission> singles = List.of(new SlurmJobs.Submission("13", 0, SlurmJobs.Submission.NONE, 1,
        "t", Layout.slashes(tasks.get(5).confPath()), 1));
    List<List<String>> got = new ArrayList<>();
    try (TaskRuns runs = TaskRuns.open(root, "toy", singles)) {
      for (Task t : tasks) {
        got.add(runs.next(t));
      }
    }
    assertEquals(List.of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("13"), List.of()), got);
  }
}
