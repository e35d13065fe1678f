package dev.hyper.runtime.run;

import dev.hyper.runtime.Experiment.Checkpoint;
import dev.hyper.runtime.Experiment.CheckpointWriter;
import dev.hyper.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An experiment's checkpoints: {@code checkpoints/step-N} directories, each made whole in
 * {@code checkpoints/.step-N.tmp} and renamed into place, so a directory named {@code step-N} is
 * always complete. The {@value #KEEP} newest are kept; leftovers of a save that was killed are removed
 * by the next save.
 */
public final class Checkpoints {
  public static final String DIR = "checkpoints";
  static final int KEEP = 2;
  private static final String PREFIX = "step-";

  private Checkpoints() {}

  /** Saves a checkpoint of {@code step} under {@code dir} (a serialization directory's {@value #DIR}). */
  public static Checkpoint save(Path dir, long step, CheckpointWriter files) throws IOException {
    if (step < 0) {
      throw new IllegalArgumentException("checkpoint step must be >= 0, was " + step);
    }
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + PREFIX + step + ".tmp");
    AtomicFiles.deleteTree(temp);
    Files.createDirectory(temp);
    files.write(temp);
    sync(temp);                                             // on disk before the rename makes it the latest
    Path target = dir.resolve(PREFIX + step);
    AtomicFiles.deleteTree(target);                         // a step saved again replaces itself
    AtomicFiles.move(temp, target);
    List<Checkpoint> all = list(dir);
    for (int i = 0; i < all.size() - KEEP; i++) {
      AtomicFiles.deleteTree(all.get(i).dir());
    }
    try (Stream<Path> left = Files.list(dir)) {
      for (Path p : left.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
        AtomicFiles.deleteTree(p);                          // a save that was killed
      }
    }
    return new Checkpoint(step, target);
  }

  /** Forces every file under {@code dir} to the disk, so a node that crashes after the rename finds them whole. */
  private static void sync(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
  }

  /** The newest complete checkpoint under {@code dir}, if any. */
  public static Optional<Checkpoint> latest(Path dir) throws IOException {
    List<Checkpoint> all = list(dir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The complete checkpoints, oldest first. */
  static List<Checkpoint> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Checkpoint> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(PREFIX) && name.substring(PREFIX.length()).matches("[0-9]{1,18}") && Files.isDirectory(p)) {
          out.add(new Checkpoint(Long.parseLong(name.substring(PREFIX.length())), p));
        }
      }
    }
    out.sort(Comparator.comparingLong(Checkpoint::step));
    return out;
  }
}
