package dev.hyper.runtime.snapshot;

import dev.hyper.runtime.error.HyperException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A program's run-time class path, entry by entry, as the JVM's application class loader reads it: the
 * entries given (from {@code java.class.path}, or one jar), each jar followed by the entries its
 * manifest's {@code Class-Path} names (relative to the jar, depth first), each entry once. Entries that
 * do not exist are left out, as the JVM leaves them out; an entry that exists but is neither a
 * directory nor a readable jar is refused.
 *
 * @param entries the class path's jars and directories, absolute and normalized, in order
 * @param missing entries that were named but do not exist, for a warning
 * @param manifests what each jar's manifest says, read while the class path was followed
 */
public record ClassPath(List<Path> entries, List<String> missing, java.util.Map<Path, JarManifest> manifests) {
  /**
   * What a jar's manifest says that matters to a snapshot.
   *
   * @param mainClass its {@code Main-Class}, or null
   * @param hasClassPath whether it has a {@code Class-Path}
   */
  public record JarManifest(String mainClass, boolean hasClassPath) {}

  public ClassPath {
    entries = List.copyOf(entries);
    missing = List.copyOf(missing);
    manifests = java.util.Map.copyOf(manifests);
  }

  /** What {@code jar}'s manifest says; for a directory, nothing. */
  public JarManifest manifest(Path entry) {
    return manifests.getOrDefault(entry, new JarManifest(null, false));
  }

  /** This JVM's {@code java.class.path}, expanded. */
  public static ClassPath ofThisJvm() throws HyperException {
    String cp = System.getProperty("java.class.path", "");
    List<Path> roots = new ArrayList<>();
    for (String s : cp.split(File.pathSeparator)) {
      if (!s.isEmpty()) {
        try {
          roots.add(Path.of(s));
        } catch (InvalidPathException e) {
          throw new HyperException("the class path entry '" + s + "' is not a path: " + e.getReason());
        }
      }
    }
    return expand(roots);
  }

  /** {@code roots} with every jar's manifest {@code Class-Path} followed. */
  public static ClassPath expand(List<Path> roots) throws HyperException {
    Set<Path> seen = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    java.util.Map<Path, JarManifest> manifests = new java.util.HashMap<>();
    for (Path root : roots) {
      add(root.toAbsolutePath().normalize(), seen, missing, manifests, "the class path");
    }
    return new ClassPath(new ArrayList<>(seen), missing, manifests);
  }

  private static void add(Path entry, Set<Path> seen, List<String> missing, java.util.Map<Path, JarManifest> manifests,
      String from) throws HyperException {
    if (seen.contains(entry)) {
      return;
    }
    if (Files.isDirectory(entry)) {
      if (!Files.isReadable(entry)) {
        throw new HyperException(from + " names the directory " + entry + ", which cannot be read");
      }
      seen.add(entry);
      return;
    }
    if (!Files.exists(entry)) {
      missing.add(entry + " (named by " + from + ")");
      return;
    }
    if (!Files.isRegularFile(entry)) {
      throw new HyperException(from + " names " + entry + ", which is neither a jar nor a directory");
    }
    Manifest manifest;
    try (JarFile jar = new JarFile(entry.toFile())) {
      manifest = jar.getManifest();
    } catch (IOException | SecurityException e) {
      throw new HyperException(from + " names " + entry + ", which is not a readable jar ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }
    seen.add(entry);
    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
    manifests.put(entry, new JarManifest(main == null || main.isBlank() ? null : main.strip(),
        classPath != null && !classPath.isBlank()));
    if (classPath == null || classPath.isBlank()) {
      return;
    }
    URI base = entry.getParent().toUri();
    for (String ref : classPath.trim().split("\\s+")) {
      Path next;
      try {
        URI uri = base.resolve(uri(ref));
        if (!"file".equals(uri.getScheme())) {
          missing.add(ref + " (not a file, named by the Class-Path of " + entry + ")");
          continue;
        }
        next = Path.of(uri).toAbsolutePath().normalize();
      } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        missing.add(ref + " (not a path, named by the Class-Path of " + entry + ")");
        continue;
      }
      if (!ref.endsWith("/") && Files.isDirectory(next)) {       // the JVM reads only a ref ending in / as a directory
        missing.add(next + " (a directory named without a trailing /, which the JVM skips, by the Class-Path of "
            + entry + ")");
        continue;
      }
      add(next, seen, missing, manifests, "the Class-Path of " + entry);
    }
  }

  /** A {@code Class-Path} reference as a URI: a relative URL, or failing that a path with characters to escape. */
  private static URI uri(String ref) throws URISyntaxException {
    try {
      return new URI(ref);
    } catch (URISyntaxException e) {
      return new URI(null, null, ref, null);
    }
  }

  /** Whether some entry holds class {@code className}. */
  public boolean holds(String className) {
    return find(List.of(className.replace('.', '/') + ".class")).containsKey(className.replace('.', '/') + ".class");
  }

  /** For each resource name, the first entry that holds it (absent when none does); each jar is opened once. */
  public java.util.Map<String, Path> find(List<String> resources) {
    java.util.Map<String, Path> found = new java.util.HashMap<>();
    for (Path e : entries) {
      if (found.size() == resources.size()) {
        break;
      }
      if (Files.isDirectory(e)) {
        for (String r : resources) {
          if (!found.containsKey(r) && Files.isRegularFile(e.resolve(r))) {
            found.put(r, e);
          }
        }
      } else {
        try (JarFile jar = new JarFile(e.toFile())) {
          for (String r : resources) {
            if (!found.containsKey(r) && jar.getEntry(r) != null) {
              found.put(r, e);
            }
          }
        } catch (IOException x) {
          // read when the class path was made; if it cannot be now, it holds nothing
        }
      }
    }
    return found;
  }

  /** Whether some entry is a directory (a JVM cannot archive class data from one). */
  public boolean hasDirectory() {
    return entries.stream().anyMatch(Files::isDirectory);
  }
}
