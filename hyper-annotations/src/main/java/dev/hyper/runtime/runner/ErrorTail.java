package dev.hyper.runtime.runner;

import dev.hyper.runtime.status.Markers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The end of a run's error output, kept for its {@code FAILED} marker while it goes on to stderr. */
final class ErrorTail {
  private static final int MAX_BYTES = 64 * 1024;

  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  /** A stream writing to {@code out} and keeping the last bytes here. */
  OutputStream tee(OutputStream out) {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        out.write(b);
        keep(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        out.write(b, off, len);
        keep(b, off, len);
      }

      @Override
      public void flush() throws java.io.IOException {
        out.flush();
      }
    };
  }

  void append(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    keep(b, 0, b.length);
  }

  private synchronized void keep(byte[] b, int off, int len) {
    kept.write(b, off, len);
    if (kept.size() > 2 * MAX_BYTES) {                // trim now and then: amortized O(1) per byte
      byte[] all = kept.toByteArray();
      kept.reset();
      kept.write(all, all.length - MAX_BYTES, MAX_BYTES);
    }
  }

  /** The last {@link Markers#ERROR_LINES} lines. */
  synchronized List<String> lines() {
    List<String> lines = kept.toString(StandardCharsets.UTF_8).lines().toList();
    return lines.subList(Math.max(0, lines.size() - Markers.ERROR_LINES), lines.size());
  }
}
