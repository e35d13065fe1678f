package dev.hyper.runtime.snapshot;

import dev.hyper.runtime.JavaRuntime;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.shell.ShellQuote;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The whole program a sweep's experiments run, before it is hashed: the main class, the ordered class
 * path and the Java runtime.
 *
 * @param mainClass the class {@code java} starts, e.g. the generated launcher {@code acc.TinyParamsLauncher}
 * @param classPath every jar and classes directory, in class-path order
 * @param java the runtime
 * @param gitSource the first entry that records the git commit it was built from, else the first entry
 *     (for provenance); null for an empty class path
 * @param digests what is known already of its entries' SHA-256s, which hashing it takes instead of reading
 *     them ({@link KnownDigests#NONE} mostly)
 */
public record Program(String mainClass, ClassPath classPath, JavaRuntime java, Path gitSource,
    KnownDigests digests) {
  /** The main class a jar names when it has no {@code Main-Class}: Hyper's own launcher. */
  public static final String DEFAULT_MAIN = "dev.hyper.runtime.cli.Launcher";

  public Program {
    digests = digests == null ? KnownDigests.NONE : digests;
  }

  /** A program whose entries' digests are not known. */
  public Program(String mainClass, ClassPath classPath, JavaRuntime java, Path gitSource) {
    this(mainClass, classPath, java, gitSource, KnownDigests.NONE);
  }

  /** The same program, its entries' digests known from {@code known}. */
  public Program withDigests(KnownDigests known) {
    return new Program(mainClass, classPath, java, gitSource, known);
  }

  /**
   * The program this JVM runs: {@code java.class.path} (with the manifests' {@code Class-Path}) and the
   * main class it was started with, which must be on it, as must the sweep's record.
   *
   * @throws HyperException if the class path has an entry that cannot be snapshotted, or the main class
   *     or the sweep's record is not on it (code loaded by some other class loader)
   */
  public static Program ofThisJvm(SweepSpec<?> spec) throws HyperException {
    ClassPath cp = ClassPath.ofThisJvm();
    String main = mainClassOfThisJvm(cp);
    String mainFile = main.replace('.', '/') + ".class";
    String recordFile = spec.type().getName().replace('.', '/') + ".class";
    java.util.Map<String, Path> found = cp.find(List.of(mainFile, recordFile, dev.hyper.runtime.Provenance.GIT_PROPERTIES));
    if (!found.containsKey(mainFile)) {
      throw new HyperException("the main class " + main + " is not on the class path ("
          + System.getProperty("java.class.path", "") + "), so there is no program to snapshot; run it with"
          + " java -jar JAR or java -cp CLASSPATH " + main);
    }
    if (!found.containsKey(recordFile)) {
      throw new HyperException(spec.type().getName() + " is not on the class path ("
          + System.getProperty("java.class.path", "") + "; it was loaded by another class loader), so its code"
          + " cannot be snapshotted; run it with java -jar JAR or java -cp CLASSPATH LAUNCHER");
    }
    return new Program(main, cp, JavaRuntime.current(), gitSource(cp, found));
  }

  private static Path gitSource(ClassPath cp, java.util.Map<String, Path> found) {
    Path git = found.get(dev.hyper.runtime.Provenance.GIT_PROPERTIES);
    return git != null ? git : cp.entries().isEmpty() ? null : cp.entries().get(0);
  }

  /**
   * {@code jar} and the jars its manifest's {@code Class-Path} names as the program, with the jar's
   * {@code Main-Class} ({@link #DEFAULT_MAIN} if it has none) and this JVM's runtime.
   */
  public static Program ofJar(Path jar) throws HyperException {
    ClassPath cp = ClassPath.expand(List.of(jar));
    if (cp.entries().isEmpty()) {
      throw new HyperException("no such jar: " + jar);
    }
    String main = cp.manifest(cp.entries().get(0)).mainClass();
    return new Program(main != null ? main : DEFAULT_MAIN, cp, JavaRuntime.current(),
        gitSource(cp, cp.find(List.of(dev.hyper.runtime.Provenance.GIT_PROPERTIES))));
  }

  /**
   * The class this JVM was started with: from {@code sun.java.command}, which is {@code CLASS ARGS} or,
   * for {@code java -jar}, {@code JAR ARGS} (the jar is then the whole {@code java.class.path}).
   */
  static String mainClassOfThisJvm(ClassPath known) throws HyperException {
    String command = System.getProperty("sun.java.command", "").strip();
    String cp = System.getProperty("java.class.path", "");
    if (!cp.isEmpty() && !cp.contains(File.pathSeparator) && (command.equals(cp) || command.startsWith(cp + " "))) {
      Path jar = Path.of(cp).toAbsolutePath().normalize();
      String main = known != null ? known.manifest(jar).mainClass() : manifestMainClass(jar);
      if (main == null) {
        throw new HyperException(cp + " has no Main-Class in its manifest");
      }
      return main;
    }
    String first = command.isEmpty() ? "" : command.split(" ", 2)[0];
    if (!first.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}]"
        + "[\\p{javaJavaIdentifierPart}]*)*")) {
      throw new HyperException("cannot tell which main class this JVM runs (sun.java.command is '" + command
          + "'), so there is no program to snapshot; run it with java -jar JAR or java -cp CLASSPATH LAUNCHER");
    }
    return first;
  }

  /**
   * How to start this JVM's program again from a shell: {@code java -jar JAR} or {@code java -cp
   * CLASSPATH MAIN}, shell-quoted where needed; {@code java -jar model.jar} when it cannot be told.
   */
  public static String commandOfThisJvm() {
    String command = System.getProperty("sun.java.command", "").strip();
    String cp = System.getProperty("java.class.path", "");
    if (!cp.isEmpty() && !cp.contains(File.pathSeparator) && (command.equals(cp) || command.startsWith(cp + " "))) {
      return "java -jar " + ShellQuote.word(cp);
    }
    try {
      return "java -cp " + ShellQuote.word(cp) + " " + mainClassOfThisJvm(null);
    } catch (HyperException e) {
      return "java -jar model.jar";
    }
  }

  /** The {@code Main-Class} of a jar's manifest, or null (none, or a directory). */
  static String manifestMainClass(Path jar) throws HyperException {
    if (!Files.isRegularFile(jar)) {
      return null;
    }
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      String main = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      return main == null || main.isBlank() ? null : main.strip();
    } catch (IOException e) {
      throw new HyperException(jar + " is not a readable jar: " + e.getMessage());
    }
  }

}
