package dev.hyper.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The Java runtime a program runs on: its version, vendor and home directory.
 *
 * @param version {@code java.version}, e.g. {@code 17.0.13}
 * @param vendor {@code java.vendor}
 * @param home {@code java.home}, the directory whose {@code bin/java} starts it
 */
public record JavaRuntime(String version, String vendor, String home) {
  public JavaRuntime {
    Objects.requireNonNull(version);
    Objects.requireNonNull(vendor);
    Objects.requireNonNull(home);
  }

  /** The runtime of this JVM. */
  public static JavaRuntime current() {
    return new JavaRuntime(System.getProperty("java.version", ""), System.getProperty("java.vendor", ""),
        System.getProperty("java.home", ""));
  }

  /** The feature release, e.g. 17 for {@code 17.0.13} and for {@code 1.8.0_392} 8; 0 if it cannot be read. */
  public int feature() {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end)) && v.charAt(end) < 128) {
      end++;
    }
    try {
      return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code HOME/bin/java}. */
  public Path launcher() {
    return Path.of(home, "bin", "java");
  }
}
