package dev.hyper.runtime.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** This process's umask, read from the kernel: what a test expects of the modes new files and directories get. */
final class Umask {
  private Umask() {}

  /** The umask's bits: {@code Umask:} of {@code /proc/self/status}, else what {@code sh -c umask} prints (inherited). */
  static int bits() throws IOException, InterruptedException {
    Path status = Path.of("/proc/self/status");
    if (Files.isReadable(status)) {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
        }
      }
    }
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException("sh -c umask failed");
    }
    return Integer.parseInt(out, 8);
  }

  /** The permissions a new directory gets: 0777 less the umask. */
  static Set<PosixFilePermission> newDirectory() throws IOException, InterruptedException {
    return permissions(0777 & ~bits());
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }
}
