package dev.hyper.runtime.store;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sweep's output directory while one sweep writes to it: made if needed, locked ({@link SweepLock}) so
 * that other sweeps keep out, and, if the sweep does not {@link #commit}, put back as it was by {@link
 * #close}: the directories and stored snapshots this run made ({@link #created}) are removed again where
 * they are empty, and the lock file too if this run made the directory.
 */
final class OutputDirectory implements AutoCloseable {
  private final Path path;
  private final List<Path> created;
  private final SweepLock lock;
  private boolean committed;

  private OutputDirectory(Path path, List<Path> created, SweepLock lock) {
    this.path = path;
    this.created = created;
    this.lock = lock;
  }

  /**
   * Makes {@code out} if needed and locks it.
   *
   * @param wait wait for another sweep's lock rather than fail
   * @throws HyperException if it cannot be made or locked, or another sweep holds it
   */
  static OutputDirectory open(Path out, boolean wait) throws HyperException {
    List<Path> created = new ArrayList<>();
    try {
      mkdirs(out, created);
    } catch (IOException e) {
      undo(created);
      throw new HyperException("cannot create output directory " + out + ": " + IoProblems.reason(e), e);
    }
    try {
      return new OutputDirectory(out, created, SweepLock.acquire(out, wait));
    } catch (IOException e) {
      undo(created);
      throw new HyperException("cannot write to output directory " + out + ": " + IoProblems.reason(e), e);
    } catch (HyperException e) {
      undo(created);
      throw e;
    }
  }

  Path path() {
    return path;
  }

  /** What this run made, outermost first; a caller adds what it makes, to be removed if the sweep fails. */
  List<Path> created() {
    return created;
  }

  /** Like {@link Files#createDirectories}, adding each directory it makes to {@link #created}. */
  void mkdirs(Path dir) throws IOException {
    mkdirs(dir, created);
  }

  /** The sweep succeeded: {@link #close} keeps what it made. */
  void commit() {
    committed = true;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.close();
    } finally {
      if (!committed) {
        undo(created);
      }
    }
  }

  private static void mkdirs(Path dir, List<Path> created) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      mkdirs(parent, created);
    }
    Files.createDirectory(dir);
    created.add(dir);
  }

  /** Removes what {@code created} lists, innermost first, where it is empty (or holds only the lock). */
  private static void undo(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path p = created.get(i);
      try {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> left = Files.list(p)) {
            List<Path> files = left.toList();
            if (files.size() == 1 && files.get(0).getFileName().toString().equals(SweepLock.FILE)) {
              Files.delete(files.get(0));                // the output directory this run made
            }
          }
        }
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // not empty, or not ours any more: leave it
      }
    }
  }
}
