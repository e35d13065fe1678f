package dev.hyper.runtime.results;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.DrawnRows;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.ManifestRow;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each row of a sweep's manifest starts, so that a row is read back from the file when it is printed
 * rather than held in memory: one pass over the file records every row's offset (4 bytes a row, plus 8 per
 * {@link #BLOCK} rows), and {@link #fields} reads one row. The file stays open, so a sweep that extends the
 * directory meanwhile (it replaces the manifest with one of the same rows first) does not move the rows
 * read here. Lines end as {@link java.io.BufferedReader} ends them ({@code \n}, {@code \r} or {@code \r\n});
 * empty lines are no rows, as {@link ManifestFile#forEachRow} reads them.
 * Rows a lazy sweep draws from the manifest's plan are drawn again when they are read.
 */
final class ManifestLines implements Closeable {
  /** Rows per base offset: a row's offset is its block's base plus 32 bits. */
  static final int BLOCK = 1024;
  private static final int MAX_COLUMN_LINE = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final int version;
  private final int fields;
  private int[] low;
  private long[] base;
  private int size;
  private ByteBuffer line = ByteBuffer.allocate(4096);
  /** A manifest's rows drawn from its plan, or null when the file lists them. */
  private DrawnRows drawn;

  private ManifestLines(Path path, FileChannel channel, int version, int fields, int capacity) {
    this.path = path;
    this.channel = channel;
    this.version = version;
    this.fields = fields;
    this.low = new int[Math.max(16, capacity)];
    this.base = new long[low.length / BLOCK + 1];
  }

  /**
   * The rows of {@code manifest}'s file as it is now.
   *
   * @throws HyperException if its column line is not the one {@code manifest} read (another sweep of other
   *     columns replaced the file)
   */
  static ManifestLines open(ManifestFile manifest) throws IOException, HyperException {
    if (manifest.drawn()) {                            // no rows in the file: drawn when they are read
      ManifestLines lines = new ManifestLines(manifest.path(), null, manifest.version(), 0, 0);
      lines.drawn = manifest.drawnRows();
      lines.size = Math.toIntExact(manifest.experiments());
      return lines;
    }
    List<String> columns = new ArrayList<>(List.of(manifest.version() == 1 ? "index" : "row", "id", "trial"));
    columns.addAll(manifest.params());
    columns.add("config");
    FileChannel channel = FileChannel.open(manifest.path(), StandardOpenOption.READ);
    try {
      long hint = manifest.experiments();
      ManifestLines lines = new ManifestLines(manifest.path(), channel, manifest.version(), columns.size(),
          hint > 0 && hint < Integer.MAX_VALUE - BLOCK ? (int) hint : 1024);
      lines.scan(String.join("\t", columns));
      return lines;
    } catch (IOException | HyperException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** How many rows the file has. */
  int size() {
    return size;
  }

  /**
   * The tab-separated fields of row {@code row} (from 0).
   *
   * @throws IOException if it cannot be read, or it is not the row the file had when it was scanned (its
   *     number or its fields differ)
   */
  String[] fields(int row) throws IOException {
    if (drawn != null) {
      ManifestRow r = drawn.row(row);
      List<String> f = new ArrayList<>(List.of(Long.toString(r.row()), r.id(), Integer.toString(r.trial())));
      f.addAll(r.codes());
      f.add(r.config());
      return f.toArray(String[]::new);
    }
    long at = base[row / BLOCK] + Integer.toUnsignedLong(low[row]);
    line.clear();
    int end = -1;
    int searched = 0;
    while (end < 0) {
      if (!line.hasRemaining()) {
        line = ByteBuffer.allocate(line.capacity() * 2).put(line.flip());
      }
      int n = channel.read(line, at + line.position());
      int limit = line.position();
      for (int i = searched; i < limit; i++) {
        byte b = line.get(i);
        if (b == '\n' || b == '\r') {
          end = i;
          break;
        }
      }
      searched = limit;
      if (n < 0 && end < 0) {
        end = limit;
      }
    }
    String[] f = new String(line.array(), 0, end, StandardCharsets.UTF_8).split("\t", -1);
    boolean same = f.length == fields;
    if (same && version == 2) {
      try {
        same = Long.parseLong(f[0]) == row;
      } catch (NumberFormatException e) {
        same = false;
      }
    }
    if (!same) {
      throw new IOException(path + ": changed while it was read (row " + row + " is not the row it was); run the"
          + " command again");
    }
    return f;
  }

  /** Records where every row starts, after checking the column line. */
  private void scan(String columnLine) throws IOException, HyperException {
    ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
    ByteArrayOutputStream column = null;
    boolean header = true;
    boolean cr = false;
    long lineStart = 0;
    long pos = 0;
    while (channel.read(buf.clear(), pos) > 0) {
      buf.flip();
      int n = buf.limit();
      byte[] a = buf.array();
      for (int i = 0; i < n; i++, pos++) {
        byte b = a[i];
        if (b == '\n' && cr) {                                    // the second half of \r\n
          cr = false;
          lineStart = pos + 1;
          continue;
        }
        cr = b == '\r';
        if (b == '\n' || b == '\r') {
          if (column != null) {
            checkColumns(column, columnLine);
            column = null;
            header = false;
          }
          lineStart = pos + 1;
          continue;
        }
        if (pos == lineStart) {
          if (!header) {
            add(pos);
          } else if (b != '#') {
            column = new ByteArrayOutputStream();
          }
        }
        if (column != null) {
          if (column.size() >= MAX_COLUMN_LINE) {
            throw new HyperException(path + ": its column line is longer than " + MAX_COLUMN_LINE + " bytes");
          }
          column.write(b);
        }
      }
    }
    if (column != null) {
      checkColumns(column, columnLine);
    }
  }

  private void checkColumns(ByteArrayOutputStream column, String expected) throws HyperException {
    if (!column.toString(StandardCharsets.UTF_8).equals(expected)) {
      throw new HyperException(path + ": changed while it was read (another sweep of other columns replaced it);"
          + " run the command again");
    }
  }

  private void add(long offset) throws HyperException {
    if (size == low.length) {
      if (size > Integer.MAX_VALUE - 16 - low.length / 2) {
        throw new HyperException(path + ": more rows than results reads (" + size + ")");
      }
      low = Arrays.copyOf(low, size + size / 2);
      base = Arrays.copyOf(base, low.length / BLOCK + 1);
    }
    int block = size / BLOCK;
    if (size % BLOCK == 0) {
      base[block] = offset;
    }
    long rel = offset - base[block];
    if (rel > 0xffffffffL) {
      throw new HyperException(path + ": rows " + block * BLOCK + " to " + size + " take more than 4 GiB");
    }
    low[size++] = (int) rel;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
