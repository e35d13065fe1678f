package dev.hyper.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of the machine (a tool, root, a file system): where it is missing the test is skipped
 * with the reason, except in CI (environment variable {@code CI} set and not {@code false}), where it
 * fails, so that in CI every check runs ({@code .ci/run} installs the tools).
 */
public final class Required {
  private Required() {}

  /** Whether this is a CI run: {@code CI} is set, not blank and not {@code false}. */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /** Goes on if {@code holds}; else fails in CI and skips elsewhere, saying {@code missing}. */
  public static void that(boolean holds, String missing) {
    if (!holds && inCi()) {
      throw new AssertionError(missing + " (CI=" + System.getenv("CI") + ": every check must run here)");
    }
    Assumptions.assumeTrue(holds, missing);
  }

  /** The executable {@code name} on the PATH; fails (CI) or skips the test where there is none. */
  public static Path tool(String name) {
    Path found = onPath(name);
    that(found != null, name + " is not installed (not on the PATH)");
    return found;
  }

  /** The executable {@code name} on the PATH, or null. */
  public static Path onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
