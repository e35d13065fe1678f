package dev.hyper.runtime.fork;

import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.io.Trace;
import dev.hyper.runtime.snapshot.KnownDigests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jar's digest, handed from the parent to the forked child. The parent hashes the jar while the child
 * starts, with its optimizing compiler (the child has only the quick one, and took about 0.5 s for a 17 MB
 * jar), and writes {@code SHA256 SIZE MILLIS PATH} to the child's standard input. The child reads it on a
 * daemon thread; as the program's {@link KnownDigests} it gives it for that file only, and only while the
 * file's size and modification time are what they were (traced, {@link Trace}).
 */
final class HandedDigest implements KnownDigests {
  /** Set in the child when the parent writes the jar's digest to its standard input. */
  static final String PROPERTY = "hyper.jarDigest";

  /** A file's digest as the parent computed it, with the size and modification time the file had then. */
  record Handed(Path file, long size, long modifiedMillis, String sha256) {}

  private final CompletableFuture<Handed> handed;

  /** @param handed completed with the parent's digest, or with null if it could not hash the jar */
  HandedDigest(CompletableFuture<Handed> handed) {
    this.handed = handed;
  }

  /**
   * In the parent: hashes {@code jar} and writes the line to {@code child}'s standard input, then closes it;
   * an empty line if the jar cannot be read or changed meanwhile.
   */
  static void handTo(Path jar, Process child) {
    String line = "";
    try {
      long size = Files.size(jar);
      long modified = Files.getLastModifiedTime(jar).toMillis();
      String sha = Sha256.of(jar);
      if (Files.size(jar) == size && Files.getLastModifiedTime(jar).toMillis() == modified) {
        line = sha + " " + size + " " + modified + " " + jar;
      }
    } catch (IOException | RuntimeException e) {
      // the child hashes it
    }
    try (OutputStream in = child.getOutputStream()) {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child ended already
    }
  }

  /**
   * In the child, if the parent hands the digest over ({@value #PROPERTY}): the digest that {@code in} (its
   * standard input) brings, read on a daemon thread; else {@link KnownDigests#NONE}.
   */
  static KnownDigests receive(InputStream in) {
    if (System.getProperty(ParentProcess.PROPERTY) == null || !"stdin".equals(System.getProperty(PROPERTY))) {
      return KnownDigests.NONE;
    }
    CompletableFuture<Handed> digest = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      Handed handed = null;
      try {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String[] f = String.valueOf(r.readLine()).split(" ", 4);
        if (f.length == 4 && Sha256.isHex(f[0])) {
          handed = new Handed(Path.of(f[3]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[0]);
        }
      } catch (IOException | RuntimeException e) {
        // hash it here
      }
      digest.complete(handed);
    }, "hyper-digest");
    t.setDaemon(true);
    t.start();
    return new HandedDigest(digest);
  }

  /** The handed digest if it is of {@code file} and the file is unchanged since (waiting for it up to a minute). */
  @Override
  public Optional<String> sha256(Path file) {
    try {
      Handed d = handed.get(60, TimeUnit.SECONDS);
      if (d != null && Files.isSameFile(d.file(), file) && Files.size(file) == d.size()
          && Files.getLastModifiedTime(file).toMillis() == d.modifiedMillis()) {
        Trace.print("digest of " + file.getFileName() + " handed over by the parent JVM");
        return Optional.of(d.sha256());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
      // hash it here
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "the digest handed over by the parent JVM";
  }
}
