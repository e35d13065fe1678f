package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The command line run in-process, as the tests drive it: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {
  /** Runs {@code args} over {@code specs}, snapshotting what {@code locator} finds. */
  static CliRun of(List<SweepSpec<?>> specs, SnapshotLocator locator, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HyperCli.run(args, specs, new PrintWriter(out), new PrintWriter(err), locator);
    return new CliRun(code, out.toString(), err.toString());
  }
}
