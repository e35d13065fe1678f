package dev.hyper.runtime.fork;

import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.snapshot.ClassPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A jar's application class-data archive in the user's cache ({@code $XDG_CACHE_HOME/hyper/cds}, else
 * {@code ~/.cache/hyper/cds}), keyed by the jar's path, size and time and by the Java runtime: a child JVM
 * of this Java that runs the jar (the forked sweep; {@code exec}'s runs of a lazy sweep's experiments) maps it
 * if it is there ({@code -XX:SharedArchiveFile}) and records it if not ({@code -XX:ArchiveClassesAtExit}),
 * kept only if that child succeeded. At most {@value #KEEP} are kept.
 */
public final class ClassDataArchive {
  /** How many class-data archives the cache keeps (each is 10-20 MB). */
  static final int KEEP = 6;

  /** Numbers this process's recordings, so that two children recording at once never share a temporary file. */
  private static final AtomicInteger RECORDINGS = new AtomicInteger();

  private final Path file;
  private final Path temp;

  private ClassDataArchive(Path file, Path temp) {
    this.file = file;
    this.temp = temp;
  }

  /**
   * The archive a child JVM of this Java maps or records when it runs {@code jar} with class path
   * {@code classPath} and JVM options {@code jvmOptions}; null when it can have none: the options or this JVM
   * rule it out ({@link #usable}), the class path has a directory (a JVM records no class data from one:
   * "Cannot have non-empty directory in paths") or is not known (null), there is no cache directory, or
   * archives are turned off ({@code -Dhyper.cds=false}). The one place that decides whether a child gets one.
   */
  public static ClassDataArchive forChild(Path jar, ClassPath classPath, List<String> jvmOptions) {
    if (classPath == null || classPath.hasDirectory() || !usable(jvmOptions)) {
      return null;
    }
    return forJar(jar);
  }

  /** The archive of {@code jar}, as {@link #forChild} gives it once the child may have one. */
  private static ClassDataArchive forJar(Path jar) {
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
        return new ClassDataArchive(file, null);
      }
      return new ClassDataArchive(file, dir.resolve("." + key + "." + ProcessHandle.current().pid() + "-"
          + RECORDINGS.incrementAndGet() + ".tmp"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether the child records it (it is not there yet) rather than maps it. */
  public boolean records() {
    return temp != null;
  }

  /** The child's JVM options that map or record it. */
  public List<String> options() {
    // -Xlog: a stale or foreign archive is a warning on standard output otherwise; the JVM then runs without it
    return temp == null
        ? List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
        : List.of("-XX:ArchiveClassesAtExit=" + temp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** After the child: a newly recorded archive is kept if the child succeeded (it then loaded every class). */
  public void keepIf(boolean succeeded) {
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

  /**
   * Whether a child with JVM options {@code jvmOptions} (those before {@code -jar} or the class path) can record
   * or map an archive of its own: this JVM runs with class data sharing (not so with {@code -Xshare:off} or a JDK
   * without its base archive, where recording one fails the JVM's start), and the options choose no archive.
   */
  static boolean usable(List<String> jvmOptions) {
    if (!System.getProperty("java.vm.info", "").contains("sharing")) {
      return false;
    }
    for (String a : jvmOptions) {
      if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        break;                                           // the application's arguments follow
      }
      if (a.equals("-Xshare:off") || a.equals("-Xshare:dump") || a.startsWith("-XX:SharedArchiveFile")
          || a.startsWith("-XX:ArchiveClassesAtExit") || a.contains("UseSharedSpaces")) {
        return false;
      }
    }
    return true;
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
    archives.sort(Comparator.comparing(ClassDataArchive::modified).reversed());
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
