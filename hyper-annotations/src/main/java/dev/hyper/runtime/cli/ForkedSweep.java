package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.fork.ParentProcess;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.render.Templates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

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
 *       maps it. At most {@value #KEEP} archives are kept.
 * </ul>
 *
 * <p>The JVM options the user gave come after these, so they win (for example
 * {@code -XX:TieredStopAtLevel=4}). The child inherits standard input, output and error; this process
 * waits for it and exits with its code. A SIGTERM or Ctrl-C here is passed on (the child stops as an
 * unforked sweep would); if this process is killed with SIGKILL, the child notices within a tenth of a
 * second and halts too, so {@code kill -9} of a sweep still stops its writing at once (what it leaves is
 * whole experiments, as after any kill). {@code -Dhyper.fork=false} runs the sweep in this JVM.
 */
public final class ForkedSweep {
  /** Set in the child when the parent writes the jar's digest to its standard input. */
  static final String DIGEST_PROPERTY = "hyper.jarDigest";
  /** How many class-data archives the cache keeps (each is 10-20 MB). */
  static final int KEEP = 6;

  private ForkedSweep() {}

  /**
   * If {@code args} is a sweep that writes, runs it in a tuned child JVM and returns its exit code;
   * empty if this process should run the command itself (another command, {@code --help},
   * {@code --dry-run}, forking turned off or impossible, or this is the child).
   */
  public static OptionalInt runIfWanted(String[] args) {
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
    Archive archive = jar != null && archivesUsable(arguments.get()) && !classPathHasDirectory()
        ? Archive.forJar(jar) : null;
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.add("-XX:TieredStopAtLevel=1");
    if (archive != null) {
      command.addAll(archive.options());
    }
    command.add("-D" + ParentProcess.PROPERTY + "=" + ProcessHandle.current().pid());
    if (jar != null) {
      command.add("-D" + DIGEST_PROPERTY + "=stdin");
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
      handDigest(jar, child);
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

  /**
   * Hashes the jar while the child JVM starts, with this JVM's optimizing compiler (the child has only
   * the quick one, and took about 0.5 s for a 17 MB jar), and writes {@code SHA256 SIZE MILLIS PATH} to
   * the child's standard input; an empty line if the jar cannot be read or changed meanwhile.
   */
  private static void handDigest(Path jar, Process child) {
    String line = "";
    try {
      long size = Files.size(jar);
      long modified = Files.getLastModifiedTime(jar).toMillis();
      String sha = Sha256.of(jar);
      if (Files.size(jar) == size && Files.getLastModifiedTime(jar).toMillis() == modified) {
        line = sha + " " + size + " " + modified + " " + jar;
      }
    } catch (IOException | RuntimeException e) {
      // the child hashes it
    }
    try (OutputStream in = child.getOutputStream()) {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child ended already
    }
  }

  /**
   * In the child: if the parent hands over the jar's digest on standard input, reads it on a daemon
   * thread and tells {@link Sha256#ofJar} to expect it.
   */
  public static void receiveDigest() {
    if (System.getProperty(ParentProcess.PROPERTY) == null || !"stdin".equals(System.getProperty(DIGEST_PROPERTY))) {
      return;
    }
    CompletableFuture<Sha256.Handed> digest = new CompletableFuture<>();
    Sha256.expect(digest);
    Thread t = new Thread(() -> {
      Sha256.Handed handed = null;
      try {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String[] f = String.valueOf(in.readLine()).split(" ", 4);
        if (f.length == 4 && f[0].matches("[0-9a-f]{64}")) {
          handed = new Sha256.Handed(Path.of(f[3]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[0]);
        }
      } catch (IOException | RuntimeException e) {
        // hash it here
      }
      digest.complete(handed);
    }, "hyper-digest");
    t.setDaemon(true);
    t.start();
  }

  /**
   * In the child of {@code sweep SWEEP ...}: loads the sweep's template and renders its first point on a
   * daemon thread, while the main thread reads the command line. The renderers then find the
   * interpreter's classes loaded and its code compiled. Nothing is kept, and any failure is left for
   * the sweep itself to report.
   */
  public static void warmUp(String[] args) {
    if (System.getProperty(ParentProcess.PROPERTY) == null || args.length < 2 || !args[0].equals("sweep")) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        for (SweepSpec.Provider p : ServiceLoader.load(SweepSpec.Provider.class)) {
          SweepSpec<?> spec = p.spec();
          if (spec.name().equals(args[1])) {
            warm(spec);
            return;
          }
        }
      } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
        // the sweep reports it
      }
    }, "hyper-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static <P extends Record> void warm(SweepSpec<P> spec) throws Exception {
    Optional<JsonnetTemplate> template = Templates.load(spec);
    if (template.isPresent() && spec.grid().size() > 0) {
      template.get().renderUtf8(Tla.asMap(Tla.of(spec, spec.grid().get(0))));
    }
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
   * In the child: halts this JVM when the parent that forked it is gone (killed with SIGKILL), checking
   * ten times a second on a daemon thread. Does nothing in an unforked process.
   */
  public static void watchParent() {
    OptionalLong parent = ParentProcess.pid();
    if (parent.isEmpty()) {
      return;
    }
    long pid = parent.getAsLong();
    Thread t = new Thread(() -> {
      while (true) {
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        if (now.isEmpty() || now.get().pid() != pid) {
          Runtime.getRuntime().halt(137);               // as if killed along with it
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "hyper-watch-parent");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Whether the child can record or map an archive of its own: this JVM runs with class data sharing
   * (not so with {@code -Xshare:off} or a JDK without its base archive, where recording one fails the
   * JVM's start), and the user chose no archive.
   */
  static boolean archivesUsable(String[] jvmArguments) {
    if (!System.getProperty("java.vm.info", "").contains("sharing")) {
      return false;
    }
    for (String a : jvmArguments) {
      if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        break;                                           // the application's arguments follow
      }
      if (a.equals("-Xshare:off") || a.equals("-Xshare:dump") || a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit")
          || a.contains("UseSharedSpaces")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the class path has a directory (an IDE run): a JVM cannot record class data from one ("Cannot
   * have non-empty directory in paths"), so the child gets no archive.
   */
  static boolean classPathHasDirectory() {
    try {
      return dev.hyper.runtime.snapshot.ClassPath.ofThisJvm().hasDirectory();
    } catch (dev.hyper.runtime.error.HyperException e) {
      return true;                                       // the child reports it, as an unforked run would
    }
  }

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

  /** This jar's class-data archive in the user's cache: used if it is there, recorded if not. */
  private static final class Archive {
    private final Path file;
    private final Path temp;

    private Archive(Path file, Path temp) {
      this.file = file;
      this.temp = temp;
    }

    /** The archive of {@code jar}; null when there is no cache directory, or archives are turned off. */
    static Archive forJar(Path jar) {
      if ("false".equals(System.getProperty("hyper.cds"))) {
        return null;
      }
      try {
        Path dir = cacheDir();
        if (dir == null) {
          return null;
        }
        Files.createDirectories(dir);
        String key = key(jar.toRealPath().toString(), Files.size(jar), Files.getLastModifiedTime(jar),
            System.getProperty("java.home"), System.getProperty("java.vm.version"));
        Path file = dir.resolve(key + ".jsa");
        if (Files.isRegularFile(file)) {
          return new Archive(file, null);
        }
        return new Archive(file, dir.resolve("." + key + "." + ProcessHandle.current().pid() + ".tmp"));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    List<String> options() {
      // -Xlog: a stale or foreign archive is a warning on standard output otherwise; the JVM then runs without it
      return temp == null
          ? List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
          : List.of("-XX:ArchiveClassesAtExit=" + temp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** After the child: a newly recorded archive is kept if the sweep succeeded (it then loaded every class). */
    void keepIf(boolean succeeded) {
      if (temp == null) {
        return;
      }
      try {
        if (succeeded && Files.isRegularFile(temp)) {
          AtomicFiles.move(temp, file);
          prune(file.getParent());
        }
        Files.deleteIfExists(temp);
      } catch (IOException | RuntimeException e) {
        // the cache is an optimization: the next sweep records it again
      }
    }

    /** Keeps the {@value #KEEP} newest archives. */
    private static void prune(Path dir) throws IOException {
      List<Path> archives = new ArrayList<>();
      try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.jsa")) {
        all.forEach(archives::add);
      }
      if (archives.size() <= KEEP) {
        return;
      }
      archives.sort(Comparator.comparing(Archive::modified).reversed());
      for (Path old : archives.subList(KEEP, archives.size())) {
        Files.deleteIfExists(old);
      }
    }

    private static FileTime modified(Path p) {
      try {
        return Files.getLastModifiedTime(p);
      } catch (IOException e) {
        return FileTime.fromMillis(0);
      }
    }

    private static Path cacheDir() {
      String xdg = System.getenv("XDG_CACHE_HOME");
      if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
        return Path.of(xdg, "hyper", "cds");
      }
      String home = System.getProperty("user.home");
      return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "hyper", "cds");
    }

    private static String key(String jar, long size, FileTime modified, String javaHome, String vm) {
      return Sha256.of(String.join("\n", jar, Long.toString(size), modified.toString(), String.valueOf(javaHome),
          String.valueOf(vm)).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }
  }
}
