package dev.hyper.runtime.io;

/**
 * {@code -Dhyper.trace=true}: a line on standard error as each stage of a sweep ends, in ms since its JVM
 * started (for benchmarks, and for tests that must see which way a sweep went).
 */
public final class Trace {
  private static final boolean ON = Boolean.getBoolean("hyper.trace");

  private Trace() {}

  /** Prints {@code hyper.trace   812 ms since JVM start: WHAT} if tracing is on. */
  public static void print(String what) {
    if (ON) {
      long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      System.err.printf("hyper.trace %6d ms since JVM start: %s%n", jvm, what);
    }
  }
}
