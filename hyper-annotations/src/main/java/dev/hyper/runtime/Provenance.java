package dev.hyper.runtime;

import dev.hyper.runtime.shell.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Where and how an experiment was made: the {@code [provenance]} table of its TOML. The jar's SHA-256 is
 * the TOML's {@code snapshot.sha256}; this adds the rest.
 *
 * <pre>
 * [provenance]
 * created = "2026-11-27T19:20:35.123Z"          # when sweep wrote the experiment (UTC, ISO-8601)
 * command_line = "/usr/bin/java -jar model.jar sweep rnn"   # the sweep's command, shell-quoted
 * working_dir = "/home/me/runs"
 * java_version = "17.0.13"
 * java_vendor = "Debian"
 * os_name = "Linux"
 * os_version = "6.1.0-28-amd64"
 * os_arch = "amd64"
 * git_commit = "3f2a..."                        # only if the jar has a git.properties
 * git_dirty = false                             # only if the jar has a git.properties
 * build_time = "2026-11-27T19:19:58+0000"       # only if the jar has a git.properties
 * overrides = ["config rnn.toml sha256=...", "set lr=0.001"]   # only if --config or --set changed the axes
 * </pre>
 *
 * <p>The git keys come from {@value #GIT_PROPERTIES} at the root of the snapshot jar, as written by
 * {@code io.github.git-commit-id:git-commit-id-maven-plugin} ({@code git.commit.id}, {@code git.dirty},
 * {@code git.build.time}); when the jar has none (built outside a git checkout), they are absent, never
 * guessed.
 *
 * @param created when the experiment was written, ISO-8601 in UTC
 * @param commandLine the command that wrote it, shell-quoted
 * @param workingDir the directory it ran in
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param osName {@code os.name}
 * @param osVersion {@code os.version}
 * @param osArch {@code os.arch}
 * @param gitCommit the full commit id the jar was built from, or null
 * @param gitDirty whether that checkout had uncommitted changes, or null
 * @param buildTime when the jar was built (as git.properties says), or null
 * @param overrides what changed the sweep's axes for this run, in order: {@code config FILE sha256=HEX}
 *     for a sweep file, {@code set KEY=VALUES} for a {@code --set}; empty when the record's own axes ran
 * @param warnings what was odd about the environment, one line each (a run on another Java feature
 *     release than the snapshot's); usually empty
 */
public record Provenance(String created, String commandLine, String workingDir, String javaVersion,
    String javaVendor, String osName, String osVersion, String osArch, String gitCommit, Boolean gitDirty,
    String buildTime, List<String> overrides, List<String> warnings) {

  /** Provenance without warnings. */
  public Provenance(String created, String commandLine, String workingDir, String javaVersion,
      String javaVendor, String osName, String osVersion, String osArch, String gitCommit, Boolean gitDirty,
      String buildTime, List<String> overrides) {
    this(created, commandLine, workingDir, javaVersion, javaVendor, osName, osVersion, osArch, gitCommit, gitDirty,
        buildTime, overrides, List.of());
  }

  /** Provenance of a run with no overrides. */
  public Provenance(String created, String commandLine, String workingDir, String javaVersion,
      String javaVendor, String osName, String osVersion, String osArch, String gitCommit, Boolean gitDirty,
      String buildTime) {
    this(created, commandLine, workingDir, javaVersion, javaVendor, osName, osVersion, osArch, gitCommit, gitDirty,
        buildTime, List.of());
  }

  /** The resource in a jar that records the git commit it was built from. */
  public static final String GIT_PROPERTIES = "git.properties";

  public Provenance {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(commandLine, "commandLine");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(javaVendor, "javaVendor");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(osArch, "osArch");
    overrides = List.copyOf(overrides);
    warnings = List.copyOf(warnings);
  }

  /** The same provenance, recording {@code newOverrides}. */
  public Provenance withOverrides(List<String> newOverrides) {
    return new Provenance(created, commandLine, workingDir, javaVersion, javaVendor, osName, osVersion, osArch,
        gitCommit, gitDirty, buildTime, newOverrides, warnings);
  }

  /** The same provenance, recording {@code newWarnings}. */
  public Provenance withWarnings(List<String> newWarnings) {
    return new Provenance(created, commandLine, workingDir, javaVersion, javaVendor, osName, osVersion, osArch,
        gitCommit, gitDirty, buildTime, overrides, newWarnings);
  }

  /** What the jar says about the source it was built from; every part may be absent. */
  public record GitInfo(String commit, Boolean dirty, String buildTime) {
    public static final GitInfo NONE = new GitInfo(null, null, null);
  }

  /**
   * The provenance of what this process writes now, with this process's command line.
   *
   * @param jar the jar (or classes directory) whose {@value #GIT_PROPERTIES} is read, or null for none
   * @param args this command's arguments (after {@code java -jar JAR}), used when the OS does not
   *     report the process's command line
   */
  public static Provenance capture(Path jar, List<String> args) throws IOException {
    return capture(jar, args, ProcessHandle.current());
  }

  /**
   * The provenance of what this process writes now, with the command line of {@code userProcess}, the
   * process the user started (this one, or one that started this process to do its work).
   */
  public static Provenance capture(Path jar, List<String> args, ProcessHandle userProcess) throws IOException {
    GitInfo git = jar == null ? GitInfo.NONE : readGit(jar);
    return new Provenance(now(), commandLine(userProcess, jar, args), Path.of("").toAbsolutePath().toString(),
        System.getProperty("java.version", ""), System.getProperty("java.vendor", ""),
        System.getProperty("os.name", ""), System.getProperty("os.version", ""), System.getProperty("os.arch", ""),
        git.commit(), git.dirty(), git.buildTime());
  }

  /** Now, in UTC, to the millisecond: {@code 2026-11-27T19:20:35.123Z}. */
  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /**
   * This process's command line, shell-quoted, as the operating system reports it; if it does not,
   * {@code java -jar JAR ARGS...}.
   */
  public static String commandLine(Path jar, List<String> args) {
    return commandLine(ProcessHandle.current(), jar, args);
  }

  /**
   * The command line of {@code process}, shell-quoted, as the operating system reports it; if it does not,
   * {@code java -jar JAR ARGS...}.
   */
  public static String commandLine(ProcessHandle process, Path jar, List<String> args) {
    ProcessHandle.Info info = process.info();
    Optional<String> command = info.command();
    Optional<String[]> arguments = info.arguments();
    List<String> words = new ArrayList<>();
    if (command.isPresent() && arguments.isPresent()) {
      words.add(command.get());
      words.addAll(List.of(arguments.get()));
    } else {
      words.add("java");
      words.add("-jar");
      words.add(jar == null ? "model.jar" : jar.toString());
      words.addAll(args);
    }
    List<String> quoted = new ArrayList<>();
    for (String w : words) {
      quoted.add(ShellQuote.quote(w));
    }
    return String.join(" ", quoted);
  }

  /**
   * Reads {@value #GIT_PROPERTIES} from the root of {@code jar}: {@code git.commit.id}, {@code git.dirty}
   * and {@code git.build.time}. Missing or blank values are absent.
   */
  public static GitInfo readGit(Path jar) throws IOException {
    Properties p = new Properties();
    if (java.nio.file.Files.isDirectory(jar)) {
      Path file = jar.resolve(GIT_PROPERTIES);
      if (!java.nio.file.Files.isRegularFile(file)) {
        return GitInfo.NONE;
      }
      try (InputStream in = java.nio.file.Files.newInputStream(file)) {
        p.load(in);
      }
      return git(p);
    }
    try (JarFile j = new JarFile(jar.toFile())) {
      ZipEntry e = j.getEntry(GIT_PROPERTIES);
      if (e == null) {
        return GitInfo.NONE;
      }
      try (InputStream in = j.getInputStream(e)) {
        p.load(in);
      }
      return git(p);
    }
  }

  private static GitInfo git(Properties p) {
    String commit = blankToNull(p.getProperty("git.commit.id"));
    if (commit != null && !commit.matches("[0-9a-f]{7,64}")) {
      commit = null;
    }
    String dirty = blankToNull(p.getProperty("git.dirty"));
    Boolean isDirty = "true".equals(dirty) ? Boolean.TRUE : "false".equals(dirty) ? Boolean.FALSE : null;
    return new GitInfo(commit, isDirty, blankToNull(p.getProperty("git.build.time")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
