package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.snapshot.KnownDigests;
import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.sweepfile.SweepFileException;
import dev.hyper.runtime.text.Printable;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The picocli command line behind {@link dev.hyper.runtime.cli.Launcher}: {@code list}, {@code show},
 * {@code sweep}, {@code run}, {@code verify}, {@code results}, {@code exec}, {@code submit} and {@code status}. Exit codes
 * ({@link ExitCodes}): 0 ok, 1 a run or a write failed, 2 bad input (one line on stderr, no stack trace).
 */
public final class HyperCli {
  /** Exit code: success ({@link ExitCodes#OK}). */
  public static final int OK = ExitCodes.OK;
  /** Exit code: training or writing failed ({@link ExitCodes#FAILED}). */
  public static final int FAILED = ExitCodes.FAILED;
  /** Exit code: the input was wrong ({@link ExitCodes#BAD_INPUT}). */
  public static final int BAD_INPUT = ExitCodes.BAD_INPUT;
  /** Exit code: a run was asked to stop and saved a checkpoint ({@link ExitCodes#INTERRUPTED}). */
  public static final int INTERRUPTED = ExitCodes.INTERRUPTED;
  /** Exit code of {@code run}: another process holds the experiment's claim ({@link ExitCodes#BUSY}). */
  public static final int BUSY = ExitCodes.BUSY;

  private HyperCli() {}

  /** Runs over the sweeps registered in the jar ({@code META-INF/services/dev.hyper.runtime.SweepSpec$Provider}). */
  public static int run(String[] args) {
    return run(args, ProcessHandle.current(), KnownDigests.NONE);
  }

  /**
   * Runs over the sweeps registered in the jar, for the command line the user started {@code userProcess}
   * with, taking {@code digests} of the class path when it snapshots the program.
   */
  public static int run(String[] args, ProcessHandle userProcess, KnownDigests digests) {
    List<SweepSpec<?>> specs = new ArrayList<>();
    try {
      ServiceLoader.load(SweepSpec.Provider.class).forEach(p -> specs.add(p.spec()));
    } catch (java.util.ServiceConfigurationError | RuntimeException e) {
      System.err.println("cannot load the jar's sweeps: " + e.getMessage());
      return BAD_INPUT;
    }
    return run(args, specs, writer(System.out), writer(System.err), SnapshotLocator.thisJvm(), userProcess, digests);
  }

  /** Runs over {@code specs}, printing to {@link System#out} and {@link System#err}. */
  public static int run(String[] args, List<SweepSpec<?>> specs) {
    return run(args, specs, writer(System.out), writer(System.err));
  }

  /** Runs over {@code specs}, printing to {@code out} and {@code err} (both flushed before returning). */
  public static int run(String[] args, List<SweepSpec<?>> specs, PrintWriter out, PrintWriter err) {
    return run(args, specs, out, err, SnapshotLocator.thisJvm());
  }

  static int run(String[] args, List<SweepSpec<?>> specs, PrintWriter out, PrintWriter err, SnapshotLocator locator) {
    return run(args, specs, out, err, locator, ProcessHandle.current(), KnownDigests.NONE);
  }

  private static int run(String[] args, List<SweepSpec<?>> specs, PrintWriter out, PrintWriter err,
      SnapshotLocator locator, ProcessHandle userProcess, KnownDigests digests) {
    try {
      List<SweepSpec<?>> sorted = new ArrayList<>(specs);
      sorted.sort(Comparator.comparing(SweepSpec::name));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
          err.println("two sweeps are named '" + sorted.get(i).name() + "': " + sorted.get(i - 1).type().getName()
              + " and " + sorted.get(i).type().getName());
          return BAD_INPUT;
        }
      }
      CliContext ctx = new CliContext(List.copyOf(sorted), out, err, locator, List.of(args), userProcess, digests);
      return commandLine(ctx, args).execute(args);
    } catch (OutOfMemoryError e) {                     // what held the memory is gone once it unwound here
      err.println(outOfMemory(args.length > 0 ? args[0] : "hyper", Runtime.getRuntime().maxMemory()));
      return FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, new String[0]);
  }

  /**
   * The command line for {@code args}: with only the subcommand that {@code args} names, when it names
   * one (picocli reads every command's annotations when it is added, about 10 ms each, and {@code run} starts
   * once per experiment); with all of them otherwise, for the top-level help and errors.
   */
  static CommandLine commandLine(CliContext ctx, String[] argv) {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("list", () -> new ListCommand(ctx));
    commands.put("show", () -> new ShowCommand(ctx));
    commands.put("sweep", () -> new SweepCommand(ctx));
    commands.put("run", () -> new RunCommand(ctx));
    commands.put("verify", () -> new VerifyCommand(ctx));
    commands.put("results", () -> new ResultsCommand(ctx));
    commands.put("exec", () -> new ExecCommand(ctx));
    commands.put("submit", () -> new SubmitCommand(ctx));
    commands.put("status", () -> new StatusCommand(ctx));
    commands.put("export", () -> new ExportCommand(ctx));
    commands.put("compare", () -> new CompareCommand(ctx));
    commands.put(dev.hyper.runtime.slurm.ArrayScript.TASK_LINES, () -> new TaskLinesCommand(ctx));
    CommandLine cl = new CommandLine(new HyperCommand(ctx));
    Supplier<Object> named = argv.length > 0 ? commands.get(argv[0]) : null;
    if (named != null) {
      cl.addSubcommand(argv[0], named.get());
    } else {
      commands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    cl.setOut(ctx.out);
    cl.setErr(ctx.err);
    cl.setParameterExceptionHandler((e, args) -> {
      ctx.err.println(Printable.escape(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)"));
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((e, command, parseResult) -> handle(e, ctx.err));
    return cl;
  }

  /** The one line that says a command ran out of memory, and how to give it more. */
  static String outOfMemory(String command, long maxHeap) {
    return Printable.escape(command + ": out of memory: the JVM's heap (at most " + (maxHeap >> 20) + " MiB) is too"
        + " small for this sweep; give it more with java -Xmx (for example java -Xmx" + ((2 * maxHeap + (1L << 30) - 1) >> 30)
        + "g -jar ...)");
  }

  /**
   * The problem on {@code err}, each of its lines escaped for the terminal (a message may list several
   * problems, one per line), and the exit code: 1 when the machine refused (a full disk, a permission, a
   * read-only file system), 2 for other problems with the input.
   */
  static int handle(Exception e, PrintWriter err) {
    if (e instanceof SweepFileException s) {
      s.problems().forEach(p -> println(err, p));
      return IoProblems.isEnvironment(e) ? FAILED : BAD_INPUT;
    }
    if (e instanceof HyperException || e instanceof ConfigException) {
      println(err, e.getMessage());
      return IoProblems.isEnvironment(e) ? FAILED : BAD_INPUT;
    }
    if (e instanceof NoSuchFileException n) {
      err.println(Printable.escape("no such file: " + n.getFile()));
      return BAD_INPUT;
    }
    if (e instanceof IOException io) {
      err.println(Printable.escape("failed: " + IoProblems.describe(io)));
      return FAILED;
    }
    err.println("internal error in Hyper, please report it: " + e);
    e.printStackTrace(err);
    return FAILED;
  }

  private static void println(PrintWriter err, String message) {
    for (String line : message.split("\r?\n")) {
      err.println(Printable.escape(line));
    }
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(stream, true);
  }
}
