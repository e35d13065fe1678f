package dev.hyper.runtime.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.JavaRuntime;
import dev.hyper.runtime.snapshot.ClassPath;
import dev.hyper.runtime.snapshot.KnownDigests;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.snapshot.ProgramSnapshot;
import dev.hyper.runtime.snapshot.SnapshotFilesTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest handed over by a forked sweep's parent is used only for the file it was computed on, unchanged. */
class HandedDigestTest {
  private static final String FAKE = "f".repeat(64);

  @TempDir Path dir;

  private static KnownDigests handed(Path file, long size, long modified) {
    return new HandedDigest(CompletableFuture.completedFuture(new HandedDigest.Handed(file, size, modified, FAKE)));
  }

  @Test
  void aHandedDigestOfThisUnchangedFileIsUsed() throws Exception {
    Path jar = Files.writeString(dir.resolve("model.jar"), "abc", StandardCharsets.UTF_8);
    assertEquals(Optional.of(FAKE), handed(jar, 3, Files.getLastModifiedTime(jar).toMillis()).sha256(jar),
        "the handed digest, not a new one");
  }

  @Test
  void otherwiseTheFileIsHashedHere() throws Exception {
    Path jar = Files.writeString(dir.resolve("model.jar"), "abc", StandardCharsets.UTF_8);
    Path other = Files.writeString(dir.resolve("other.jar"), "abc", StandardCharsets.UTF_8);
    long time = Files.getLastModifiedTime(jar).toMillis();
    assertEquals(Optional.empty(), handed(other, 3, time).sha256(jar), "another file's digest");
    assertEquals(Optional.empty(), handed(jar, 4, time).sha256(jar), "the file's size changed");
    assertEquals(Optional.empty(), handed(jar, 3, time - 1000).sha256(jar), "the file's time changed");
    assertEquals(Optional.empty(), new HandedDigest(CompletableFuture.completedFuture(null)).sha256(jar),
        "the parent could not hash it");
  }

  @Test
  void theProgramsSnapshotTakesIt() throws Exception {
    Path jar = SnapshotFilesTest.jar(dir.resolve("model.jar"), "dev.hyper.runtime.cli.Launcher", null);
    Program program = new Program("dev.hyper.runtime.cli.Launcher", ClassPath.expand(List.of(jar)),
        JavaRuntime.current(), jar);
    String real = ProgramSnapshot.of(program).snapshot().sha256();
    assertEquals(dev.hyper.runtime.io.Sha256.of(jar), real);
    KnownDigests known = handed(jar, Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
    assertEquals(FAKE, ProgramSnapshot.of(program.withDigests(known)).snapshot().sha256());
    assertEquals(real, ProgramSnapshot.of(program.withDigests(handed(jar, 1, 0))).snapshot().sha256());
  }
}
