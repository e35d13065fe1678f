package dev.hyper.runtime;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** A model jar like a build would make, from the test classes: for tests that run child JVMs. */
public final class TestJars {
  private TestJars() {}

  /**
   * The test sweeps ({@link TestProvider}'s {@code toy}, {@link TestBigProvider}'s {@code big}), their
   * templates, the service file, and a manifest whose Class-Path is this test's class path.
   */
  public static Path modelJar(Path jar) throws IOException {
    return modelJar(jar, false);
  }

  /**
   * {@link #modelJar(Path)}; with {@code jarsOnly}, every class directory of the class path (the main classes)
   * is first packed into a jar beside it under {@code lib/}, so that the program is jars only, as a build makes it.
   */
  public static Path modelJar(Path jar, boolean jarsOnly) throws IOException {
    Path testClasses = Path.of(TestParams.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).filter(p -> !p.toAbsolutePath().equals(testClasses.toAbsolutePath())).toList();
    List<String> classPath = new java.util.ArrayList<>();
    for (Path p : entries) {
      Path entry = jarsOnly && Files.isDirectory(p) ? packed(p, jar.resolveSibling("lib")) : p;
      classPath.add(entry.toAbsolutePath().toUri().toString());
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.hyper.runtime.cli.Launcher");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Files.createDirectories(jar.getParent());
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
      try (Stream<Path> files = Files.walk(testClasses)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = testClasses.relativize(f).toString().replace(File.separatorChar, '/');
          boolean wanted = name.startsWith("jsonnet/") || name.matches("dev/hyper/runtime/Test[A-Za-z$]*\\.class");
          if (wanted) {
            JarEntry entry = new JarEntry(name);
            entry.setTime(0);
            j.putNextEntry(entry);
            j.write(Files.readAllBytes(f));
            j.closeEntry();
          }
        }
      }
      j.putNextEntry(new JarEntry("META-INF/services/" + SweepSpec.Provider.class.getName()));
      j.write("dev.hyper.runtime.TestProvider\ndev.hyper.runtime.TestBigProvider\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  /** Directory {@code dir}'s files as a jar in {@code lib}, named after the directory's place. */
  private static Path packed(Path dir, Path lib) throws IOException {
    Files.createDirectories(lib);
    Path jar = lib.resolve(dir.toAbsolutePath().getParent().getParent().getFileName() + "-" + dir.getFileName() + ".jar");
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          j.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
      }
    }
    return jar;
  }
}
