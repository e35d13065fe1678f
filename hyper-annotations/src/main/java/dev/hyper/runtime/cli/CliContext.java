package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.snapshot.KnownDigests;
import dev.hyper.runtime.shell.ShellQuote;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every command works with: the jar's sweeps, where to print, how to find the running jar, and how the
 * command was started (the user's process, digests known already).
 */
final class CliContext {
  final List<SweepSpec<?>> specs;
  final PrintWriter out;
  final PrintWriter err;
  final SnapshotLocator locator;
  /** The command's arguments, as given. */
  final List<String> args;
  /** The process the user started, whose command line the provenance of what is written records. */
  final ProcessHandle userProcess;
  /** The SHA-256s of class-path files known already, which snapshotting the program takes. */
  final KnownDigests digests;

  CliContext(List<SweepSpec<?>> specs, PrintWriter out, PrintWriter err, SnapshotLocator locator, List<String> args,
      ProcessHandle userProcess, KnownDigests digests) {
    this.specs = specs;
    this.args = List.copyOf(args);
    this.out = out;
    this.err = err;
    this.locator = locator;
    this.userProcess = userProcess;
    this.digests = digests;
  }

  /** How to start this program again from a shell, e.g. {@code java -jar model.jar}: for suggested commands. */
  String self() {
    return locator.command();
  }

  /**
   * The error for a sweep with no experiments under {@code root}, saying how to write them; thrown at once for an
   * unknown sweep (the known ones listed).
   */
  HyperException noExperiments(String sweep, Path root) throws HyperException {
    find(sweep);
    return new HyperException("no experiments of sweep '" + sweep + "' under " + root + ": write them first with"
        + " '" + self() + " sweep " + ShellQuote.word(sweep) + (root.equals(Path.of("").toAbsolutePath()) ? ""
        : " --out " + ShellQuote.word(root.toString())) + "'");
  }

  /** The sweep named {@code name} if this program declares one, else null. */
  SweepSpec<?> declared(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** The sweep named {@code name}, or a one-line error listing the known ones. */
  SweepSpec<?> find(String name) throws HyperException {
    for (SweepSpec<?> s : specs) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    if (specs.isEmpty()) {
      throw new HyperException("unknown sweep '" + name + "': this jar declares no sweeps (no @Sweep record was compiled"
          + " with the Hyper processor)");
    }
    throw new HyperException("unknown sweep '" + name + "'; known sweeps: "
        + specs.stream().map(SweepSpec::name).collect(Collectors.joining(", ")));
  }
}
