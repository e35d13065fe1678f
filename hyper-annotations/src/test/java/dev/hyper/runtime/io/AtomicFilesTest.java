package dev.hyper.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void aWrittenFileHasThePermissionsOfAnyNewFileAndNoTemporaryFileStays() throws Exception {
    Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");     // what the umask gives any new file
    String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
    assertNotEquals("rw-------", expected, "a umask of 077 cannot tell the two apart");

    Path report = tmp.resolve("report.csv");
    AtomicFiles.write(report, "a,b\r\n".getBytes(StandardCharsets.UTF_8), null);
    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    assertEquals("a,b\r\n", Files.readString(report));

    AtomicFiles.write(report, "c\r\n".getBytes(StandardCharsets.UTF_8), AtomicFiles.EXECUTABLE);
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    assertEquals("c\r\n", Files.readString(report));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("plain.txt", "report.csv"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }
}
