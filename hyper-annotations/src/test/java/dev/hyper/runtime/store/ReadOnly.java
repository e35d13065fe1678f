package dev.hyper.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a directory read-only for the test, even as root (CI runs as root, whom mode bits do not stop):
 * mode 555, and where that is not enough, the immutable attribute ({@code chattr +i}, ext4 and others).
 * Where neither works the test is skipped, or in CI fails ({@link dev.hyper.runtime.Required}).
 */
public final class ReadOnly {
  private ReadOnly() {}

  /** Returns whether the immutable attribute was set; skips the test if the directory stays writable. */
  public static boolean make(Path dir) throws IOException, InterruptedException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!writable(dir)) {
      return false;
    }
    Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    boolean immutable = p.waitFor() == 0;
    dev.hyper.runtime.Required.that(immutable && !writable(dir), "cannot make " + dir + " read-only here");
    return immutable;
  }

  public static void undo(Path dir, boolean immutable) throws IOException, InterruptedException {
    if (immutable) {
      new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor();
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static boolean writable(Path dir) {
    try {
      Files.delete(Files.createFile(dir.resolve(".probe")));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
