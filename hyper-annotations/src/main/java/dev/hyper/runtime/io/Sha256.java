package dev.hyper.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** SHA-256 of files, in lower-case hex. */
public final class Sha256 {
  /**
   * A file's digest computed by another process (the parent of a forked sweep), with the size and
   * modification time the file had then.
   */
  public record Handed(Path file, long size, long modifiedMillis, String sha256) {}

  private static volatile CompletableFuture<Handed> handed;

  private Sha256() {}

  /**
   * Tells {@link #ofJar} that another process is computing a digest and will complete {@code digest}
   * (with null if it cannot).
   */
  public static void expect(CompletableFuture<Handed> digest) {
    handed = digest;
  }

  /**
   * SHA-256 of {@code file}: the handed-over digest (see {@link #expect}) if it is of this file and the
   * file's size and modification time are still what they were (traced, {@link Trace}), else computed here.
   */
  public static String ofJar(Path file) throws IOException {
    CompletableFuture<Handed> h = handed;
    if (h != null) {
      try {
        Handed d = h.get(60, TimeUnit.SECONDS);
        if (d != null && Files.isSameFile(d.file(), file) && Files.size(file) == d.size()
            && Files.getLastModifiedTime(file).toMillis() == d.modifiedMillis()) {
          Trace.print("digest of " + file.getFileName() + " handed over by the parent JVM");
          return d.sha256();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
        // compute it here
      }
    }
    return of(file);
  }

  /** A new SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** SHA-256 of a file's content, read in chunks. */
  public static String of(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
