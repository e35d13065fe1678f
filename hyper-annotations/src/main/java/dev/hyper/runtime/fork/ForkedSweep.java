package dev.hyper.runtime.fork;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.snapshot.ClassPath;
import dev.hyper.runtime.snapshot.KnownDigests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs {@code sweep} in a child JVM started with the options a short, hot process wants, which a
 * {@code java -jar} command cannot carry:
 *
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: only the quick compiler. A sweep runs the jsonnet interpreter hot
 *       for a few seconds; on two cores the optimizing compiler's work competed with rendering and writing
 *       and was not paid back before the sweep ended (a 10,000-experiment sweep: 3.9 s -> 3.3 s).
 *   <li>An application class-data archive ({@code -XX:SharedArchiveFile}): the classes a sweep loads
 *       (picocli, sjsonnet, Scala, Hyper), parsed and verified once and then mapped from the archive
 *       (another 0.3-0.4 s). The first sweep of a jar records it ({@code -XX:ArchiveClassesAtExit}, about a
 *       second more, once); it lives in {@code $XDG_CACHE_HOME/hyper/cds} (or {@code ~/.cache/hyper/cds}),
 *       keyed by the jar's path, size and time and by the Java runtime, which the JVM checks again when it
 *       maps it ({@link ClassDataArchive}). At most six archives are kept.
 * </ul>
 *
 * <p>The JVM options the user gave come after these, so they win (for example
 * {@code -XX:TieredStopAtLevel=4}). The child inherits standard input, output and error; this process
 * waits for it and exits with its code. A SIGTERM or Ctrl-C here is passed on (the child stops as an
 * unforked sweep would); if this process is killed with SIGKILL, the child notices within a tenth of a
 * second and halts too, so {@code kill -9} of a sweep still stops its writing at once (what it leaves is
 * whole experiments, as after any kill). {@code -Dhyper.fork=false} runs the sweep in this JVM.
 *
 * <p>This package is the one place that knows a fork happens. The launcher runs its command line through
 * {@link #run}; the command it passes gets the process the user started (whose command line provenance
 * records) and the digests known already ({@link KnownDigests}, the jar's that the parent hashed while the
 * child started: {@link HandedDigest}), which in an unforked process are this process and none. The child's
 * own start is {@link ForkedChild}'s.
 */
public final class ForkedSweep {
  /** A command line, run in this JVM. */
  @FunctionalInterface
  public interface Command {
    /**
     * Runs it and returns its exit code.
     *
     * @param userProcess the process the user started, whose command line provenance records
     * @param digests the SHA-256s of class-path files known already, for the program's snapshot
     */
    int run(ProcessHandle userProcess, KnownDigests digests);
  }

  private ForkedSweep() {}

  /**
   * Runs the command line {@code args}: a sweep that writes in a tuned child JVM, which runs {@code command}
   * there (this returns the child's exit code); anything else with {@code command} here (another command,
   * {@code --help}, {@code --dry-run}, forking turned off or impossible).
   */
  public static int run(String[] args, Command command) {
    OptionalInt forked = runIfWanted(args);
    if (forked.isPresent()) {
      return forked.getAsInt();
    }
    return command.run(ParentProcess.userProcess(), ForkedChild.start(args));
  }

  /**
   * If {@code args} is a sweep that writes, runs it in a tuned child JVM and returns its exit code;
   * empty if this process should run the command itself (another command, {@code --help},
   * {@code --dry-run}, forking turned off or impossible, or this is the child).
   */
  private static OptionalInt runIfWanted(String[] args) {
    if (!wanted(args)) {
      return OptionalInt.empty();
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> java = info.command();
    Optional<String[]> arguments = info.arguments();
    if (java.isEmpty() || arguments.isEmpty() || arguments.get().length < args.length
        || !Path.of(java.get()).getFileName().toString().matches("java(\\.exe)?")) {
      return OptionalInt.empty();             // the OS does not say how this JVM was started, or not as java
    }
    Path jar = runningJar();
    ClassDataArchive archive = jar == null ? null
        : ClassDataArchive.forChild(jar, thisClassPath(), List.of(arguments.get()));
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.add("-XX:TieredStopAtLevel=1");
    if (archive != null) {
      command.addAll(archive.options());
    }
    command.add("-D" + ParentProcess.PROPERTY + "=" + ProcessHandle.current().pid());
    if (dev.hyper.runtime.text.ProgressLine.onTerminal()) {  // the child's input is a pipe: it cannot tell itself
      command.add("-D" + dev.hyper.runtime.text.ProgressLine.TERMINAL + "=true");
    }
    if (jar != null) {
      command.add("-D" + HandedDigest.PROPERTY + "=stdin");
    }
    command.addAll(List.of(arguments.get()));
    Process child;
    try {
      ProcessBuilder b = new ProcessBuilder(command).inheritIO();
      if (jar != null) {
        b.redirectInput(ProcessBuilder.Redirect.PIPE);  // sweep reads no input: the jar's digest goes there
      }
      child = b.start();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();                        // run it here, untuned
    }
    Thread passOn = new Thread(() -> stop(child), "hyper-fork-stop");
    Runtime.getRuntime().addShutdownHook(passOn);       // SIGTERM, SIGINT: stop the child, wait for it
    if (jar != null) {
      HandedDigest.handTo(jar, child);
    }
    int code;
    try {
      code = waitFor(child);
    } finally {
      if (archive != null) {
        archive.keepIf(!child.isAlive() && child.exitValue() == 0);
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(passOn);
    } catch (IllegalStateException e) {
      // shutting down already
    }
    return OptionalInt.of(code);
  }

  /** The jar this class runs from, or null (a classes directory). */
  private static Path runningJar() {
    try {
      Path jar = Path.of(ForkedSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? jar : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * This JVM's class path, which the child gets; null if it cannot be read (the child reports it, as an
   * unforked run would).
   */
  private static ClassPath thisClassPath() {
    try {
      return ClassPath.ofThisJvm();
    } catch (HyperException e) {
      return null;
    }
  }

  /**
   * Whether {@code args} is a sweep worth a second JVM: one that writes ({@code --help} and {@code --dry-run}
   * are quick), not in the child, and not turned off ({@code -Dhyper.fork=false}).
   */
  static boolean wanted(String[] args) {
    if (args.length == 0 || !args[0].equals("sweep") || System.getProperty(ParentProcess.PROPERTY) != null
        || "false".equals(System.getProperty("hyper.fork"))) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-h") || a.equals("--help") || a.equals("--dry-run")) {
        return false;                                    // quick: not worth a second JVM
      }
    }
    return true;
  }

  private static int waitFor(Process child) {
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the child decides when the sweep ends
      }
    }
  }

  private static void stop(Process child) {
    if (child.isAlive()) {
      child.destroy();                                   // SIGTERM: the sweep stops as it would unforked
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
