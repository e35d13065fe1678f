package dev.hyper.runtime.cli;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Asks HotSpot not to use its optimizing compiler (C2) in this process, as {@code -XX:TieredStopAtLevel=1}
 * would, through a compiler directive added with the {@code Compiler.directives_add} diagnostic command.
 *
 * <p>Why: {@code sweep} is a short process that runs the jsonnet interpreter hot for a few seconds. On
 * two cores, C2 compiling sjsonnet took about 2.5 s of CPU in a 10,000-experiment sweep, competing with
 * the rendering and writing threads, and the C1 code was as fast for that long. Only the {@code sweep}
 * command of the jar's own {@code main} does this (never {@code run}, which trains, nor a library
 * caller); {@code -Dhyper.c2=true} keeps C2. Best effort: on a JVM without the command nothing changes.
 */
final class QuickJit {
  /**
   * Every method: a directive limited to the interpreter's packages ({@code sjsonnet/*.*}, {@code scala/*.*}, ...)
   * was accepted but saved no CPU, the C2 work being in the JDK code the interpreter calls.
   */
  static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";

  private QuickJit() {}

  /** Adds the directive on a daemon thread (about 0.3 s of JMX start-up that overlaps the sweep's own). */
  static void startIfWanted(String[] args) {
    if (args.length == 0 || !"sweep".equals(args[0]) || Boolean.getBoolean("hyper.c2")) {
      return;
    }
    Thread t = new Thread(QuickJit::addDirective, "hyper-quick-jit");
    t.setDaemon(true);
    t.start();
  }

  private static void addDirective() {
    Path file = null;
    try {
      file = Files.createTempFile("hyper-jit", ".json");
      Files.write(file, DIRECTIVE.getBytes(StandardCharsets.UTF_8));
      ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}},
          new String[] {String[].class.getName()});
    } catch (Exception | LinkageError e) {
      // not HotSpot, or no management: compile as usual
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
          // a temp file left behind
        }
      }
    }
  }
}
