package dev.hyper.runtime.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's step metrics, {@value #FILE}: one JSON object per line, {@code {"step": N, "time":
 * ISO-8601, KEY: VALUE...}}, appended whole with one write per line. Reading skips a torn line (the
 * run was killed while it appended; the next append ends it first) and any line that is not a JSON
 * object with a step, so a crash never breaks a report. A resumed run logs again the steps after its
 * checkpoint that the stopped run had logged: reading keeps the last line of each step.
 */
public final class StepLog {
  public static final String FILE = "metrics.jsonl";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One line of the log. */
  public record Step(long step, String time, Map<String, Object> metrics) {}

  /**
   * What {@link #read} found.
   *
   * @param steps the readable lines, the last of each step, in the order they were last logged
   * @param skipped how many lines could not be read (a torn last line after {@code kill -9})
   */
  public record Read(List<Step> steps, int skipped) {}

  private StepLog() {}

  /** Appends step {@code step} with {@code metrics} (which must not use the keys {@code step} and {@code time}). */
  public static void append(Path dir, long step, String time, Map<String, ?> metrics) throws IOException {
    if (metrics.containsKey("step") || metrics.containsKey("time")) {
      throw new IllegalArgumentException("log: 'step' and 'time' are the log's own keys; name the metric otherwise");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.put("time", time);
    line.putAll(metrics);
    byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    boolean torn = false;                            // a line torn by a kill: end it, so this one stays whole
    if (Files.exists(file)) {
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer last = ByteBuffer.allocate(1);
        torn = in.size() > 0 && in.read(last, in.size() - 1) == 1 && last.get(0) != '\n';
      }
    }
    if (torn) {
      byte[] withNewline = new byte[bytes.length + 1];
      withNewline[0] = '\n';
      System.arraycopy(bytes, 0, withNewline, 1, bytes.length);
      bytes = withNewline;
    }
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /** The log in {@code dir}; empty when there is none. */
  public static Read read(Path dir) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Read(List.of(), 0);
    } catch (java.nio.charset.MalformedInputException e) {
      lines = List.of(new String(Files.readAllBytes(dir.resolve(FILE)), StandardCharsets.UTF_8).split("\n", -1));
    }
    Map<Long, Step> steps = new LinkedHashMap<>();
    int skipped = 0;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        Object v = MAPPER.readValue(line, Object.class);
        if (v instanceof Map<?, ?> m && m.get("step") instanceof Number n) {
          Map<String, Object> metrics = new LinkedHashMap<>();
          m.forEach((k, x) -> {
            if (!"step".equals(k) && !"time".equals(k)) {
              metrics.put(String.valueOf(k), x);
            }
          });
          steps.remove(n.longValue());
          steps.put(n.longValue(), new Step(n.longValue(), m.get("time") instanceof String t ? t : "", metrics));
        } else {
          skipped++;
        }
      } catch (JsonProcessingException e) {
        skipped++;
      }
    }
    return new Read(new ArrayList<>(steps.values()), skipped);
  }
}
