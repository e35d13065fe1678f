package dev.hyper.runtime.store;

import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts several finished temporary files in place, in order, all or none: a failure leaves every target
 * as it was and no temporary file behind. Before a target is replaced by any rename but the last, its
 * old file is hard-linked to {@code .NAME.old} beside it, and put back from there if a later rename
 * fails. Renames and links take no space for file data, so this holds on a full disk too.
 */
final class Replacements {
  /** {@code temp} is to replace {@code target}. */
  record Replacement(Path temp, Path target) {}

  private Replacements() {}

  /**
   * Renames each temporary file over its target, in the order given.
   *
   * @throws IOException naming the target that could not be replaced; every target is then as it was
   */
  static void replaceAll(List<Replacement> order) throws IOException {
    List<Replacement> done = new ArrayList<>();
    List<Path> backups = new ArrayList<>();         // per done replacement: the old target, or null
    try {
      for (int i = 0; i < order.size(); i++) {
        Replacement r = order.get(i);
        Path backup = i < order.size() - 1 ? backUp(r.target()) : null;
        try {
          AtomicFiles.move(r.temp(), r.target());
        } catch (IOException e) {
          if (backup != null) {
            Files.deleteIfExists(backup);
          }
          throw IoProblems.withPath(e, r.target());
        }
        done.add(r);
        backups.add(backup);
      }
    } catch (IOException e) {
      for (int i = done.size() - 1; i >= 0; i--) {
        putBack(done.get(i).target(), backups.get(i), e);
      }
      for (Replacement r : order) {
        deleteQuietly(r.temp(), e);
      }
      throw e;
    }
    for (Path backup : backups) {
      if (backup != null) {
        try {
          Files.deleteIfExists(backup);
        } catch (IOException e) {
          // every target is replaced; the next sweep's backup replaces this one
        }
      }
    }
  }

  /** Links {@code target}'s file to {@code .NAME.old}; null if there is no file there to keep. */
  private static Path backUp(Path target) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;                                   // nothing there, or a directory no rename replaces
    }
    Path backup = backupOf(target);
    Files.deleteIfExists(backup);
    try {
      Files.createLink(backup, target);
    } catch (UnsupportedOperationException | IOException noLinks) {
      Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
    }
    return backup;
  }

  /** Where {@link #replaceAll} keeps {@code target}'s old file meanwhile. */
  static Path backupOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".old");
  }

  private static void putBack(Path target, Path backup, IOException failure) {
    try {
      if (backup != null) {
        AtomicFiles.move(backup, target);
      } else {
        Files.deleteIfExists(target);                // there was none before
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static void deleteQuietly(Path file, IOException failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
