package dev.hyper.runtime.exec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in model jar's main for executor tests: {@code run <file>} reads "exit N" or "sleep S" from
 * the file, prints a line, and exits accordingly. A sleeping one prints {@code fake model: sleeping} once it
 * can be stopped, and {@code fake model: stopped} when SIGTERM (or any other shutdown) ends it.
 */
public final class FakeModel {
  public static void main(String[] args) throws Exception {
    String what = Files.readString(Path.of(args[1])).strip();
    System.out.println("fake model: " + what);
    if (what.startsWith("sleep ")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake model: stopped")));
      System.out.println("fake model: sleeping");
      Thread.sleep(Long.parseLong(what.substring(6)) * 1000);
    } else {
      System.exit(Integer.parseInt(what.substring(5)));
    }
  }

  private FakeModel() {}
}
