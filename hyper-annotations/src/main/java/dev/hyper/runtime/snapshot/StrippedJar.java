package dev.hyper.runtime.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A jar as the snapshot store keeps it when its manifest has a {@code Class-Path}: the same entries, names
 * and times, stored uncompressed, with the manifest's {@code Class-Path} removed. Its class path is
 * already the program's, in the launcher jar; left in place, the JVM would follow it from the store to
 * files outside it (an absolute URL reaches the live file). The same jar always gives the same bytes.
 */
final class StrippedJar {
  private StrippedJar() {}

  /** Writes the stored form of {@code jar} to {@code out} (not closed). */
  static void write(Path jar, OutputStream out) throws IOException {
    try (JarFile in = new JarFile(jar.toFile(), false)) {
      ZipOutputStream zip = new ZipOutputStream(new DirectoryJar.NonClosing(out));
      for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        ZipEntry e = entries.nextElement();
        byte[] bytes;
        if (e.getName().equals(JarFile.MANIFEST_NAME)) {
          Manifest m = new Manifest(in.getInputStream(e));
          m.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
          ByteArrayOutputStream text = new ByteArrayOutputStream();
          m.write(text);
          bytes = text.toByteArray();
        } else {
          try (InputStream data = in.getInputStream(e)) {
            bytes = data.readAllBytes();
          }
        }
        DirectoryJar.putStored(zip, e.getName(), bytes, e.getTimeLocal());
      }
      zip.finish();
      zip.flush();
    }
  }
}
