package dev.hyper.runtime.exec;

import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A swept output directory's experiments as {@link Task}s: first every experiment of the sweep's manifest
 * ({@code SWEEP-manifest.tsv}, jobs order) if there is one, also those whose TOML is gone
 * ({@link Task#tomlMissing}), then any other experiment on disk in {@link ExperimentFiles#ofSweep} order (by id, then trial). Nothing else is parsed: each
 * experiment's directories follow from its TOML's place in the layout ({@link Layout}).
 */
public final class SweepTasks {
  private SweepTasks() {}

  /** Every experiment of sweep {@code sweep} under {@code root} (absolute), as a task; empty if none. */
  public static List<Task> of(Path root, String sweep) throws IOException {
    List<Path> onDisk = ExperimentFiles.ofSweep(root, sweep);
    Set<Path> ordered = new LinkedHashSet<>();
    Set<Path> present = new java.util.HashSet<>();
    for (Path toml : onDisk) {
      present.add(root.relativize(toml));
    }
    for (Path confPath : manifestOrder(root, sweep)) {
      if (present.contains(confPath) || isExperimentPath(confPath)) {
        ordered.add(confPath);                         // also when its TOML is gone: Task#tomlMissing
      }
    }
    for (Path toml : onDisk) {
      ordered.add(root.relativize(toml));
    }
    List<Task> tasks = new ArrayList<>();
    for (Path confPath : ordered) {
      tasks.add(task(root, sweep, confPath));
    }
    return tasks;
  }

  /** Whether {@code confPath} is laid out as an experiment's TOML ({@code .../ID/TRIAL/ID.toml}). */
  private static boolean isExperimentPath(Path confPath) {
    Path trial = confPath.getParent();
    return trial != null && trial.getParent() != null && !confPath.isAbsolute()
        && trial.getFileName().toString().matches("[0-9]{1,9}")
        && confPath.getFileName().toString().equals(trial.getParent().getFileName() + ".toml");
  }

  /** The config paths of the sweep's manifest, in its order; empty if there is none. */
  static List<Path> manifestOrder(Path root, String sweep) throws IOException {
    Path manifest = root.resolve(sweep + "-manifest.tsv");
    List<Path> out = new ArrayList<>();
    if (!Files.isRegularFile(manifest)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.startsWith("index\t") || line.isBlank()) {
          continue;
        }
        String config = line.substring(line.lastIndexOf('\t') + 1);
        if (config.endsWith(".toml")) {
          out.add(Path.of(config));
        }
      }
    }
    return out;
  }

  /** The task of the experiment whose TOML is {@code confPath} (relative to {@code root}). */
  public static Task task(Path root, String sweep, Path confPath) {
    Path confDir = confPath.getParent();
    String id = confDir.getParent().getFileName().toString();
    int trial = Integer.parseInt(confDir.getFileName().toString());
    return new Task(root, confPath, Layout.serializationDir(sweep, id, trial));
  }
}
