package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** What every command works with: the jar's sweeps, where to print, and how to find the running jar. */
final class CliContext {
  final List<SweepSpec<?>> specs;
  final PrintWriter out;
  final PrintWriter err;
  final SnapshotLocator locator;
  /** The command's arguments, as given. */
  final List<String> args;

  CliContext(List<SweepSpec<?>> specs, PrintWriter out, PrintWriter err, SnapshotLocator locator, List<String> args) {
    this.specs = specs;
    this.args = List.copyOf(args);
    this.out = out;
    this.err = err;
    this.locator = locator;
  }

  /** How to start this program again from a shell, e.g. {@code java -jar model.jar}: for suggested commands. */
  String self() {
    return locator.command();
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
