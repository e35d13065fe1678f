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
 * Each experiment's task-list line, the experiments taken in the manifest's order: no list yet, a list that lines
 * up and ends early, one with more lines than experiments, and one of another order (an older version's), where
 * the experiments it does not list follow its end and one whose TOML is gone gets no line.
 */
class TaskLinesTest {
  @TempDir Path root;

  /** Experiment {@code id}, trial 0, its TOML on disk unless {@code gone}. */
  private Task task(String id, boolean gone) throws Exception {
    Task t = new Task(root, Layout.confPath("toy", id, 0), Layout.serializationDir("toy", id, 0));
    if (!gone) {
      Files.createDirectories(root.resolve(t.confDir()));
      Files.writeString(root.resolve(t.confPath()), "");
    }
    return t;
  }

  private void taskList(Task... tasks) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Task t : tasks) {
      sb.append(Layout.slashes(t.confDir())).append('\t').append(Layout.slashes(t.confPath())).append('\t')
          .append(Layout.slashes(t.serializationDir())).append('\n');
    }
    Files.writeString(root.resolve(SlurmFiles.tasksFile("toy")), sb);
  }

  /** "LINE" or "LINE new" for each task, then "total N". */
  private List<String> lines(Task... tasks) throws Exception {
    List<String> out = new ArrayList<>();
    try (TaskLines lines = TaskLines.open(root, "toy")) {
      for (Task t : tasks) {
        long line = lines.next(t);
        out.add(line + (lines.isNew(line) ? " new" : ""));
      }
      out.add("total " + lines.total());
    }
    return out;
  }

  @Test
  void withoutAListEveryExperimentIsANewLineInItsOrder() throws Exception {
    assertEquals(List.of("0 new", "1 new", "2 new", "total 3"),
        lines(task("a", false), task("b", true), task("c", false)));
  }

  @Test
  void aListThatLinesUpKeepsItsLinesAndTheRestFollow() throws Exception {
    Task a = task("a", false);
    Task b = task("b", false);
    Task c = task("c", false);
    taskList(a, b);
    assertEquals(List.of("0", "1", "2 new", "total 3"), lines(a, b, c));
    taskList(a, b, c);
    assertEquals(List.of("0", "1", "total 3"), lines(a, b));     // a line past the manifest's last experiment
  }

  @Test
  void aListOfAnotherOrderIsReadWholeAndWhatItDoesNotListFollowsItsEnd() throws Exception {
    Task a = task("a", false);
    Task b = task("b", true);
    Task c = task("c", false);
    Task d = task("d", false);
    taskList(c, a);
    assertEquals(List.of("1", "-1", "0", "2 new", "total 3"), lines(a, b, c, d));
  }
}
