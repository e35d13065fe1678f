package dev.hyper.runtime.snapshot;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A classes directory as a jar that depends only on the directory's content: entries sorted by name,
 * every time {@link #TIME}, stored without compression (so no zlib version can change a byte). The
 * same classes always give the same jar, and so the same SHA-256.
 */
public final class DirectoryJar {
  /** The time of every entry, as the zip's DOS date and time (no time zone). */
  public static final LocalDateTime TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private DirectoryJar() {}

  /** Writes the jar of {@code dir} to {@code out} (which is not closed). */
  public static void write(Path dir, OutputStream out) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {   // as the JVM reads it
      paths = walk.filter(p -> !p.equals(dir)).toList();
    }
    List<String[]> names = paths.stream()
        .map(p -> new String[] {name(dir, p) + (Files.isDirectory(p) ? "/" : ""), p.toString()})
        .sorted((a, b) -> a[0].compareTo(b[0])).toList();
    ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
    for (String[] n : names) {
      putStored(zip, n[0], n[0].endsWith("/") ? new byte[0] : Files.readAllBytes(Path.of(n[1])));
    }
    zip.finish();
    zip.flush();
  }

  /** Adds {@code bytes} as entry {@code name}: uncompressed, at {@link #TIME}. */
  static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    putStored(zip, name, bytes, TIME);
  }

  /** Adds {@code bytes} as entry {@code name}: uncompressed, at {@code time} (a zip's local date and time). */
  static void putStored(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(time);
    e.setMethod(ZipEntry.STORED);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    e.setSize(bytes.length);
    e.setCompressedSize(bytes.length);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static String name(Path dir, Path p) {
    return dir.relativize(p).toString().replace(File.separatorChar, '/');
  }

  /** Lets {@link ZipOutputStream#finish} leave the caller's stream open. */
  static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
