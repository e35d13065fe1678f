package dev.hyper.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run in a child process, as a user runs it from a shell: its exit code and what it printed (standard
 * error merged into standard output).
 *
 * @param code the exit code
 * @param out what it printed
 */
record ChildRun(int code, String out) {
  /** The java launcher of the JVM running the tests. */
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** Runs {@code command} in directory {@code dir}. */
  static ChildRun of(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new ChildRun(p.waitFor(), text);
  }

  /** Runs {@code java JVM_OPTIONS -jar JAR ARGS} in directory {@code dir}. */
  static ChildRun jar(Path dir, Path jar, List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return of(dir, command);
  }
}
