package dev.hyper.runtime.snapshot;

import dev.hyper.runtime.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The small jar each experiment's {@code model.jar} links to when the program is more than one fat jar:
 * a manifest with the program's {@code Main-Class} and a relative {@code Class-Path} into the snapshot
 * store, and {@value #LIST} naming each stored entry (SHA-256, size, kind, original name). Its bytes
 * depend only on those, and it names every entry by its SHA-256, so its own SHA-256 stands for the
 * whole program.
 */
public final class LauncherJar {
  /** The list of the program's class-path entries inside the launcher jar. */
  public static final String LIST = "META-INF/hyper/class-path.tsv";
  private static final String HEADER = "# sha256\tsize\tkind\tname\n";

  private LauncherJar() {}

  /**
   * The launcher jar's bytes.
   *
   * @param storeFromConfDir the snapshot store relative to an experiment's config directory, with
   *     {@code /}, e.g. {@code ../../../.snapshots}
   */
  public static byte[] bytes(String mainClass, List<StoredEntry> entries, String storeFromConfDir) throws IOException {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, mainClass);
    List<String> refs = new ArrayList<>();
    StringBuilder list = new StringBuilder(HEADER);
    for (StoredEntry e : entries) {
      refs.add(storeFromConfDir + "/" + e.fileName());
      list.append(e.sha256()).append('\t').append(e.size()).append('\t').append(e.directory() ? "dir" : "jar")
          .append('\t').append(e.name().replace('\t', ' ').replace('\n', ' ')).append('\n');
    }
    a.put(Attributes.Name.CLASS_PATH, String.join(" ", refs));
    a.putValue("Created-By", "Hyper");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      ByteArrayOutputStream m = new ByteArrayOutputStream();
      manifest.write(m);
      DirectoryJar.putStored(zip, JarFile.MANIFEST_NAME, m.toByteArray());
      DirectoryJar.putStored(zip, LIST, list.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /**
   * The entries a launcher jar lists, in class-path order; empty if {@code jar} is not a launcher jar
   * (it is then the whole program itself: a fat jar).
   */
  public static List<StoredEntry> entries(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      ZipEntry list = j.getEntry(LIST);
      if (list == null) {
        return List.of();
      }
      String text;
      try (InputStream in = j.getInputStream(list)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      List<StoredEntry> entries = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 4);
        if (f.length != 4 || !Sha256.isHex(f[0])) {
          throw new IOException(jar + ": " + LIST + " has a bad line: " + line);
        }
        entries.add(new StoredEntry(f[3], f[2].equals("dir"), Long.parseLong(f[1]), f[0]));
      }
      return entries;
    } catch (NumberFormatException e) {
      throw new IOException(jar + ": " + LIST + " has a bad size: " + e.getMessage());
    }
  }
}
