package dev.hyper.runtime.manifest;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.text.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds row k of a version 2 manifest file by a binary search over its bytes (rows are numbered in order, each
 * line starting with its number): a few reads whatever the manifest's size.
 */
final class RowSearch {
  private RowSearch() {}

  /** A row's line, without its newline, and where it starts. */
  record Found(String line, long at) {}

  /**
   * The line of row {@code k} in {@code path}, or empty if there is none.
   *
   * @throws HyperException if a line where a row should be does not start with a number
   */
  static Optional<Found> find(Path path, long k) throws IOException, HyperException {
    try (FileChannel ch = FileChannel.open(path)) {
      long size = ch.size();
      long start = 0;
      for (String line = lineAt(ch, 0); line != null; line = lineAt(ch, start)) {
        start += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (!line.startsWith("#")) {
          break;                                      // the column line: the rows start after it
        }
      }
      long lo = start;
      long hi = size;
      while (lo < hi) {
        long mid = (lo + hi) >>> 1;
        long at = lineStartFrom(ch, mid, start);
        String line = at >= size ? null : lineAt(ch, at);
        if (line == null || line.isEmpty()) {
          hi = mid;
          continue;
        }
        int tab = line.indexOf('\t');
        long row;
        try {
          row = Long.parseLong(tab < 0 ? line : line.substring(0, tab));
        } catch (NumberFormatException e) {
          throw new HyperException(path + " (near byte " + at + "): a row must start with its number: "
              + Printable.escape(line.length() > 40 ? line.substring(0, 40) : line));
        }
        if (row == k) {
          return Optional.of(new Found(line, at));
        }
        if (row < k) {
          lo = at + 1;
        } else {
          hi = mid;
        }
      }
      return Optional.empty();
    }
  }

  /** The first line start at or after {@code pos} ({@code rowsStart} is one). */
  private static long lineStartFrom(FileChannel ch, long pos, long rowsStart) throws IOException {
    if (pos <= rowsStart) {
      return rowsStart;
    }
    ByteBuffer buf = ByteBuffer.allocate(4096);
    long at = pos - 1;                                // the line starts at pos if the byte before is a newline
    while (true) {
      buf.clear();
      int n = ch.read(buf, at);
      if (n <= 0) {
        return ch.size();
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return at + i + 1;
        }
      }
      at += n;
    }
  }

  /** The line that starts at byte {@code at}, without its newline; null at the end of the file. */
  private static String lineAt(FileChannel ch, long at) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    ByteBuffer buf = ByteBuffer.allocate(1024);
    long pos = at;
    while (true) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          line.write(buf.array(), 0, i);
          return line.toString(StandardCharsets.UTF_8);
        }
      }
      line.write(buf.array(), 0, n);
      pos += n;
    }
  }
}
