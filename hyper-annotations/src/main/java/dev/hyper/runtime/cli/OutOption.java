package dev.hyper.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR}: the sweep's output directory, shared by every command that reads or writes one. */
final class OutOption {
  @Option(names = "--out", paramLabel = "DIR",
      description = "The sweep's output directory (default: the current directory).")
  Path out;

  /** The output directory, absolute and normalized. */
  Path root() {
    return (out != null ? out : Path.of("")).toAbsolutePath().normalize();
  }
}
