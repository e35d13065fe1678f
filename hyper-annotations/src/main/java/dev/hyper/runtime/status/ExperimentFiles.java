package dev.hyper.runtime.status;

import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds experiments' TOML files on disk, as {@code sweep} lays them out:
 * {@code config/generated/SWEEP/ID/TRIAL/ID.toml}. Results come in a stable order: by id, then by trial
 * (numerically). Hidden entries ({@code .snapshots}, temporary directories) are skipped.
 */
public final class ExperimentFiles {
  private ExperimentFiles() {}

  /** Every experiment TOML of sweep {@code sweep} under output directory {@code root}; empty if none. */
  public static List<Path> ofSweep(Path root, String sweep) throws IOException {
    Path dir = root.resolve(Layout.sweepConfigDir(sweep));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // The layout is fixed (SWEEP/ID/TRIAL/ID.toml): list it level by level rather than walk and stat
    // every file, and sort by names read once (100,000 experiments: 15 s -> well under 1 s).
    List<Path> out = new ArrayList<>();
    try {
      List<String> ids = names(dir);
      java.util.Collections.sort(ids);
      for (String id : ids) {
        if (id.startsWith(".")) {
          continue;
        }
        Path idDir = dir.resolve(id);
        List<Integer> trials = new ArrayList<>();
        for (String t : names(idDir)) {
          if (Layout.isTrialName(t)) {
            trials.add(Integer.parseInt(t));
          }
        }
        java.util.Collections.sort(trials);
        for (int trial : trials) {
          Path toml = idDir.resolve(Integer.toString(trial)).resolve(id + ".toml");
          if (Files.isRegularFile(toml)) {
            out.add(toml);
          }
        }
      }
    } catch (IOException e) {
      throw lookingUnder(e, dir);
    }
    return out;
  }

  /**
   * The points of {@code sweep} under {@code root} that have a serialization directory ({@code
   * model/generated/SWEEP/ID}, which a point's first run makes; the sweep makes none): one directory listing, so
   * that an experiment whose point is not there costs no stat of its markers. Hidden entries count too, which
   * no point id matches. Empty when there is none.
   */
  public static Set<String> startedPoints(Path root, String sweep) throws IOException {
    return new HashSet<>(names(root.resolve(Layout.sweepModelDir(sweep))));
  }

  /** The names in directory {@code dir}; empty if it is not a directory. */
  private static List<String> names(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  /**
   * Every experiment TOML at or below {@code dir}: a file named {@code ID.toml} in a directory
   * {@code ID/TRIAL}.
   */
  public static List<Path> under(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(ExperimentFiles::isExperimentToml)
          .filter(f -> !isHidden(dir.relativize(f)))
          .forEach(out::add);
    } catch (UncheckedIOException e) {
      throw lookingUnder(e.getCause(), dir);
    } catch (IOException e) {
      throw lookingUnder(e, dir);
    }
    out.sort(Comparator.comparing((Path p) -> p.getParent().getParent().getFileName().toString())
        .thenComparingInt(p -> Integer.parseInt(p.getParent().getFileName().toString()))
        .thenComparing(Path::toString));
    return out;
  }

  /** {@code PATH: REASON (looking for experiment TOML files under DIR)}, keeping the cause for the exit code. */
  private static IOException lookingUnder(IOException e, Path dir) {
    FileSystemException named = new FileSystemException(e instanceof FileSystemException f && f.getFile() != null
        ? f.getFile() : dir.toString(), null, IoProblems.reason(e) + " (looking for experiment TOML files under "
        + dir + ")");
    named.initCause(e);
    return named;
  }

  /** Whether {@code file} is named like an experiment's TOML: {@code ID/TRIAL/ID.toml}. */
  public static boolean isExperimentToml(Path file) {
    Path trial = file.getParent();
    if (trial == null || trial.getParent() == null || !file.getFileName().toString().endsWith(".toml")) {
      return false;
    }
    String id = trial.getParent().getFileName().toString();
    return file.getFileName().toString().equals(id + ".toml") && Layout.isTrialName(trial.getFileName().toString())
        && Files.isRegularFile(file);
  }

  private static boolean isHidden(Path relative) {
    for (Path name : relative) {
      if (name.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
