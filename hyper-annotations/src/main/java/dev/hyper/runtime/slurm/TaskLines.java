package dev.hyper.runtime.slurm;

import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLURM task-list line of each experiment of a sweep (array task k runs line k), for the experiments taken
 * one after another in the manifest's order, in memory that does not grow with the sweep.
 *
 * <p>{@code sweep} writes the task list in the manifest's order, so experiment k is line k (for rows drawn from the
 * manifest's plan, the list holds no line and line k is still row k's); that is checked line
 * by line as the experiments come, and an experiment past the list's end gets the line it will have when the
 * list is extended. A task list that does not line up (written by an older version) is read whole the first
 * time a line differs: its experiments keep their lines, and the experiments it does not list, but for those
 * whose TOML is gone, get the lines after its end in the manifest's order.
 */
public final class TaskLines implements Closeable {
  private final Path root;
  private final String sweep;
  private BufferedReader in;                  // while the list lines up and has lines left
  private Map<Path, Long> lineOf;             // once it does not line up
  private long fileLines = -1;                // how many lines the file has, once known
  private long nextNew;                       // the next line past the end, once it does not line up
  private long position;

  private TaskLines(Path root, String sweep, long drawnRows) throws IOException {
    this.root = root;
    this.sweep = sweep;
    Path file = root.resolve(SlurmFiles.tasksFile(sweep));
    if (drawnRows > 0) {
      fileLines = drawnRows;                                 // line k is row k, though the file holds none
    } else if (Files.isRegularFile(file)) {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } else {
      fileLines = 0;
    }
  }

  /** The lines of the task list of {@code sweep} under {@code root} (none yet if it has none). */
  public static TaskLines open(Path root, String sweep) throws IOException {
    return new TaskLines(root, sweep, 0);
  }

  /**
   * The lines of the task list of {@code sweep}, whose manifest draws its {@code drawnRows} rows from a plan
   * ({@code DrawnRows}; 0: it lists them): the array script gets line k, row k's, from the sweep's program, so every
   * row has its line though the file holds none.
   */
  public static TaskLines open(Path root, String sweep, long drawnRows) throws IOException {
    return new TaskLines(root, sweep, drawnRows);
  }

  /**
   * The line of {@code task}, the next experiment in the manifest's order; -1 for an experiment whose TOML is gone
   * and that a task list of an older version does not list (it gets no line).
   */
  public long next(Task task) throws IOException {
    long pos = position++;
    if (lineOf == null) {
      if (in == null) {
        return pos;                                          // past the end of a list that lines up
      }
      String text = in.readLine();
      if (text == null) {
        close();
        fileLines = pos;
        return pos;
      }
      if (names(text, task.confPath())) {
        return pos;
      }
      readWhole();
    }
    Long line = lineOf.get(task.confPath());
    if (line != null) {
      return line;
    }
    return task.gone() ? -1 : nextNew++;
  }

  /** Whether {@code line} (from {@link #next}) is past the end of the task list as the file has it now. */
  public boolean isNew(long line) {
    return fileLines >= 0 && line >= fileLines;
  }

  /** How many lines the task list has once every line {@link #next} gave is in it (call after the last task). */
  public long total() throws IOException {
    if (lineOf != null) {
      return nextNew;
    }
    if (in != null) {                                        // listed lines after the manifest's last experiment
      long more = 0;
      while (in.readLine() != null) {
        more++;
      }
      close();
      fileLines = position + more;
      return fileLines;
    }
    return Math.max(position, fileLines);
  }

  /** Whether task-list line {@code text} names the experiment of TOML {@code confPath}. */
  private static boolean names(String text, Path confPath) {
    int a = text.indexOf('\t');
    int b = a < 0 ? -1 : text.indexOf('\t', a + 1);
    return b >= 0 && text.substring(a + 1, b).equals(Layout.slashes(confPath));
  }

  private void readWhole() throws IOException {
    close();
    Map<Path, Long> lines = new HashMap<>();
    List<Task> written = SlurmFiles.readTasks(root, sweep);
    for (int i = 0; i < written.size(); i++) {
      lines.putIfAbsent(written.get(i).confPath(), (long) i);
    }
    lineOf = lines;
    fileLines = written.size();
    nextNew = written.size();
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }
}
