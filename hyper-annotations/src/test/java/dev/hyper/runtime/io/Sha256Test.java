package dev.hyper.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest handed over by a forked sweep's parent is used only for the file it was computed on, unchanged. */
class Sha256Test {
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String FAKE = "f".repeat(64);

  @TempDir Path dir;

  @AfterEach
  void forget() {
    Sha256.expect(null);
  }

  @Test
  void aHandedDigestOfThisUnchangedFileIsUsed() throws Exception {
    Path jar = Files.writeString(dir.resolve("model.jar"), "abc", StandardCharsets.UTF_8);
    assertEquals(ABC, Sha256.ofJar(jar));
    Sha256.expect(CompletableFuture.completedFuture(
        new Sha256.Handed(jar, 3, Files.getLastModifiedTime(jar).toMillis(), FAKE)));
    assertEquals(FAKE, Sha256.ofJar(jar), "the handed digest, not a new one");
  }

  @Test
  void otherwiseTheFileIsHashedHere() throws Exception {
    Path jar = Files.writeString(dir.resolve("model.jar"), "abc", StandardCharsets.UTF_8);
    Path other = Files.writeString(dir.resolve("other.jar"), "abc", StandardCharsets.UTF_8);
    long time = Files.getLastModifiedTime(jar).toMillis();
    Sha256.expect(CompletableFuture.completedFuture(new Sha256.Handed(other, 3, time, FAKE)));
    assertEquals(ABC, Sha256.ofJar(jar), "another file's digest");
    Sha256.expect(CompletableFuture.completedFuture(new Sha256.Handed(jar, 4, time, FAKE)));
    assertEquals(ABC, Sha256.ofJar(jar), "the file's size changed");
    Sha256.expect(CompletableFuture.completedFuture(new Sha256.Handed(jar, 3, time - 1000, FAKE)));
    assertEquals(ABC, Sha256.ofJar(jar), "the file's time changed");
    Sha256.expect(CompletableFuture.completedFuture(null));
    assertEquals(ABC, Sha256.ofJar(jar), "the parent could not hash it");
  }
}
