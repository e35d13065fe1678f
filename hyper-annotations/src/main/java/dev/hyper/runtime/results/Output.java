package dev.hyper.runtime.results;

import java.io.IOException;
import java.io.Writer;

/**
 * Text a report is being written into: a buffer the renderers append to, which goes to its writer whenever it
 * holds more than {@link #CHUNK} characters ({@link #spill}), so that a report of any length is written in
 * constant memory; without a writer it keeps everything, for {@link #toString}.
 */
final class Output {
  /** How many characters the buffer holds before {@link #spill} writes them. */
  static final int CHUNK = 64 * 1024;

  /** What the renderers append to. */
  final StringBuilder sb = new StringBuilder();
  private final Writer writer;

  /** A report kept in memory. */
  Output() {
    this(null);
  }

  /** A report written to {@code writer}. */
  Output(Writer writer) {
    this.writer = writer;
  }

  /** Writes the buffer out once it is full; keeps it when there is no writer. */
  void spill() throws IOException {
    if (writer != null && sb.length() >= CHUNK) {
      writer.append(sb);
      sb.setLength(0);
    }
  }

  /** Writes what is left and flushes the writer. */
  void finish() throws IOException {
    if (writer != null) {
      writer.append(sb);
      sb.setLength(0);
      writer.flush();
    }
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
