package dev.hyper.runtime.store;

import dev.hyper.runtime.error.HyperException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that keeps two sweeps from writing one output directory at once: an OS file lock
 * ({@code fcntl}) on {@code DIR/.hyper.lock}, which the kernel releases when the process dies, even by
 * {@code kill -9}, so a crashed run never leaves a stale lock. The file holds the holder's pid, for the
 * message the next one gets. The file itself stays.
 */
public final class SweepLock implements AutoCloseable {
  /** The lock file's name in the output directory. */
  public static final String FILE = ".hyper.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private SweepLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks output directory {@code dir}.
   *
   * @param wait whether to wait for another process's lock rather than fail
   * @throws HyperException if another process holds the lock and {@code wait} is false
   */
  public static SweepLock acquire(Path dir, boolean wait) throws IOException, HyperException {
    Path file = dir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = tryLock(channel);
      while (lock == null && wait) {                 // polling also covers a holder in this JVM
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for " + file);
        }
        lock = tryLock(channel);
      }
      if (lock == null) {
        String holder = holder(channel);
        throw new HyperException("output directory " + dir + " is being written by another sweep"
            + (holder.isEmpty() ? "" : " (process " + holder + ")") + ", which holds " + file
            + "; wait for it to finish, or pass --wait to wait for it");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new SweepLock(channel, lock);
    } catch (IOException | HyperException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {     // held by this JVM
      return null;
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      int n = channel.read(b, 0);
      return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
