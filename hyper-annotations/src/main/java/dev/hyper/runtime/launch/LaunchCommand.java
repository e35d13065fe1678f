package dev.hyper.runtime.launch;

import static dev.hyper.runtime.shell.ShellQuote.quote;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.JavaRuntime;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.shell.ShellQuote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one command that starts an experiment, for the jobs script, the SLURM array script and
 * {@code exec}: {@code JAVA JVM_ARGS -jar JAR_DIR/model.jar run CONF_PATH}, in the output directory. JAR_DIR is
 * the experiment's config directory, or for an experiment of a lazy sweep that its task makes, the
 * invocation's directory ({@link Layout#lazyDir}), whose model.jar is the same stored program; for the rows such an
 * invocation draws from the manifest's plan, {@code run LAZY_DIR --row K} ({@link #shellForRowIn}).
 * {@code JAVA} is {@code $HYPER_JAVA} if set, else the {@code bin/java} of the runtime the sweep ran on
 * where that exists on the node, else {@code java} from {@code PATH}.
 *
 * @param javaHome the sweep's {@code java.home}, or null when not recorded
 * @param jvmArgs options for the training JVM
 * @param jarDir the directory of the model.jar to run, relative to the output directory: the experiment's config
 *     directory, or a lazy invocation's
 * @param confPath its TOML, relative to the output directory
 * @param row for a lazy sweep's experiment, its manifest row, passed as {@code run --row}, so that its task finds
 *     the row without reading the manifest up to it; -1 otherwise
 */
public record LaunchCommand(String javaHome, List<String> jvmArgs, Path jarDir, Path confPath, long row) {
  /** The shell variable the scripts keep the chosen java launcher in. */
  public static final String JAVA_VAR = "hyper_java";

  public LaunchCommand {
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** A command with no row. */
  public LaunchCommand(String javaHome, List<String> jvmArgs, Path jarDir, Path confPath) {
    this(javaHome, jvmArgs, jarDir, confPath, -1);
  }

  /** {@code run}'s option that names a lazy experiment's manifest row. */
  public static final String ROW_OPTION = "--row";

  /** The command of experiment {@code e}. */
  public static LaunchCommand of(ExperimentInfo e) {
    ExperimentInfo.Snapshot s = e.snapshot();
    return new LaunchCommand(s == null || s.java() == null ? null : s.java().home(),
        s == null ? List.of() : s.jvmArgs(), e.confDir(), e.confPath());
  }

  /** This command run from the model.jar in {@code dir} (a lazy invocation's directory). */
  public LaunchCommand withJarDir(Path dir) {
    return new LaunchCommand(javaHome, jvmArgs, dir, confPath, row);
  }

  /** This command for the experiment in manifest row {@code k} of a lazy sweep ({@code run --row k}). */
  public LaunchCommand withRow(long k) {
    return new LaunchCommand(javaHome, jvmArgs, jarDir, confPath, k);
  }

  /**
   * This command as a line of the SLURM task list, ending in a newline: {@code jar_dir TAB conf_path TAB
   * serialization_dir TAB java_home} (or {@code -}), then a TAB before each JVM option; paths relative to the
   * output directory with {@code /} between names. The job-array script reads it back without {@code eval}.
   */
  public String taskLine(Path serializationDir) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(Layout.slashes(jarDir)).append('\t').append(Layout.slashes(confPath)).append('\t')
        .append(Layout.slashes(serializationDir)).append('\t').append(javaHome == null ? "-" : javaHome);
    for (String a : jvmArgs) {
      sb.append('\t').append(a);
    }
    return sb.append('\n').toString();
  }

  /**
   * Options that would bring code or data into the training JVM from outside the snapshot, or replace
   * what it runs: refused, so an experiment runs exactly its snapshot.
   */
  static final List<String> OUTSIDE_THE_SNAPSHOT = List.of("-Xbootclasspath", "-javaagent", "-agentpath",
      "-agentlib", "--patch-module", "-Djava.system.class.loader", "-cp", "-classpath", "--class-path", "-jar",
      "--module-path", "-p", "--upgrade-module-path", "-Djava.class.path", "-Djava.ext.dirs", "-Djava.endorsed.dirs");

  /**
   * Checks options for the training JVM: each must be one word of printable characters starting with
   * {@code -} (the SLURM task list keeps them tab-separated on one line; anything else the launcher would
   * take for the main class), and none may load code from outside the snapshot ({@link #OUTSIDE_THE_SNAPSHOT},
   * an {@code @argfile}).
   */
  public static void check(List<String> jvmArgs) throws HyperException {
    for (String a : jvmArgs) {
      if (a.isEmpty() || !ShellQuote.isSingleLine(a) || a.indexOf('\t') >= 0) {
        throw new HyperException("JVM option '" + a.strip() + "' is empty or holds a tab, line break or control"
            + " character");
      }
      if (!a.startsWith("-")) {
        throw new HyperException("JVM option '" + a + "' does not start with '-' (the java launcher would take it"
            + (a.startsWith("@") ? " for an argument file, whose content the snapshot does not hold)" : " for the main"
            + " class)"));
      }
      for (String outside : OUTSIDE_THE_SNAPSHOT) {
        if (a.equals(outside) || a.startsWith(outside + ":") || a.startsWith(outside + "=") || a.startsWith(outside + "/")
            || (outside.startsWith("-D") && a.startsWith(outside))) {
          throw new HyperException("JVM option '" + a + "' would load code or data from outside the snapshot;"
              + " put what it names on the class path the sweep runs with, where it is snapshotted");
        }
      }
    }
  }

  /** The {@code model.jar} the command runs, relative to the output directory. */
  public Path jar() {
    return jarDir.resolve(Layout.SNAPSHOT_FILE);
  }

  /** The java launcher to use on this machine (see the class comment); {@code fallback} when none is recorded. */
  public String javaHere(String fallback) {
    String override = System.getenv("HYPER_JAVA");
    if (override != null && !override.isEmpty()) {
      return override;
    }
    if (javaHome == null) {
      return fallback;
    }
    Path java = new JavaRuntime("", "", javaHome).launcher();
    return Files.isExecutable(java) ? java.toString() : "java";
  }

  /** The command's words, with {@code java} as the launcher and {@code runOptions} after the TOML. */
  public List<String> argv(String java, List<String> runOptions) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.addAll(jvmArgs);
    argv.add("-jar");
    argv.add(Layout.slashes(jar()));
    argv.add("run");
    argv.add(Layout.slashes(confPath));
    if (row >= 0) {
      argv.add(ROW_OPTION);
      argv.add(Long.toString(row));
    }
    argv.addAll(runOptions);
    return argv;
  }

  /** The command as a shell line, the launcher taken from {@code $hyper_java} (see {@link #chooseJava}). */
  public String shell() {
    return shell(row >= 0 ? Long.toString(row) : null);
  }

  /**
   * The command as a shell line for every row of a lazy invocation whose rows are drawn, not listed: {@code run
   * LAZY_DIR --row "$VARIABLE"} ({@code run} finds the row's experiment in the manifest).
   */
  public String shellForRowIn(String variable) {
    return new LaunchCommand(javaHome, jvmArgs, jarDir, jarDir).shell("\"$" + variable + "\"");
  }

  private String shell(String rowWord) {
    StringBuilder sb = new StringBuilder("\"$" + JAVA_VAR + "\"");
    for (String a : jvmArgs) {
      sb.append(' ').append(quote(a));
    }
    return sb.append(" -jar ").append(quote(Layout.slashes(jar()))).append(" run ")
        .append(quote(Layout.slashes(confPath))).append(rowWord != null ? " " + ROW_OPTION + " " + rowWord : "")
        .toString();
  }

  /** One {@code sh} line that sets {@code $hyper_java} and runs the command: for an {@code sbatch --wrap}. */
  public String standalone() {
    return chooseJava(javaHome) + "; exec " + shell();
  }

  /**
   * {@code sh} that sets {@code $hyper_java}: {@code $HYPER_JAVA}, else {@code JAVA_HOME/bin/java} if it
   * is executable here, else {@code java}.
   *
   * @param javaHome the sweep's runtime, or null when not recorded
   */
  public static String chooseJava(String javaHome) {
    if (javaHome == null) {
      return JAVA_VAR + "=\"${HYPER_JAVA:-java}\"";
    }
    String java = quote(Layout.slashes(new JavaRuntime("", "", javaHome).launcher()));
    return JAVA_VAR + "=" + java + "; [ -x \"$" + JAVA_VAR + "\" ] || " + JAVA_VAR + "=java; " + JAVA_VAR
        + "=\"${HYPER_JAVA:-$" + JAVA_VAR + "}\"";
  }
}
