package dev.hyper.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer writes is the text's UTF-8, however it is handed the text. */
class Utf8FileWriterTest {
  @Test
  void writesTheUtf8OfEveryWayOfWriting(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out.tsv");
    Files.writeString(file, "old content that must go");
    String text = "row\tid\n0\tab\u00e9\u20ac\uD83D\uDE00\n";
    try (Writer w = Utf8FileWriter.create(file)) {
      w.write(text);
      w.write("xx-yy-zz", 3, 2);
      w.write(new char[] {'a', '\u00e9', 'b'}, 1, 2);
      w.write('\n');
      w.append("tail");
    }
    assertEquals(text + "yy\u00e9b\ntail", Files.readString(file, StandardCharsets.UTF_8));
  }
}
