package dev.hyper.runtime.status;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.plan.Layout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim on one experiment: an exclusive lock on its claim file ({@link Layout#claimFile}, beside its
 * serialization directory), taken by {@code run} before it looks at the markers and held until the run ends (and by
 * {@code sweep --force} while it archives and replaces the experiment). Whoever holds it writes
 * {@code HOST TAB PID TAB SINCE} into the file, so a second claimant can say who is in the way.
 *
 * <p>What it relies on: {@link FileChannel#tryLock()}, which on Linux and macOS is a POSIX record lock
 * ({@code fcntl F_SETLK}) on the whole file. The kernel drops it when the holding process ends in any way,
 * {@code kill -9} included, so a claim never outlives its run. On NFSv4 the lock is kept by the server
 * (and dropped when the client's lease expires if the client machine dies); on NFSv3 it goes through
 * the lock manager (NLM), so it is only shared between machines when the share is not mounted with
 * {@code nolock} or {@code local_lock}: with those, locks are seen on one machine only. Two rules keep it
 * sound: the lock file is never deleted (a claimant could otherwise lock a new file while the holder
 * still holds the old one), and a process never opens it twice (closing any descriptor of a file
 * drops the process's POSIX locks on it), which {@link #HELD} ensures within this JVM.
 */
public final class RunClaim implements AutoCloseable {
  /** The claim files this JVM holds, by real path: a second claim from here is refused without opening it. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** The experiment is claimed by another process (or another claim of this one). */
  public static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy(String holder) {
      super(holder);
    }

    /** Who holds the claim, e.g. {@code pid 4242 on node17 since 2026-11-27T19:20:35Z}. */
    public String holder() {
      return getMessage();
    }
  }

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunClaim(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims the experiment whose serialization directory {@code dir} is (it must exist), without waiting.
   * Nothing in this process may open the claim file while it is held.
   *
   * @throws Busy if another process, or another claim in this JVM, holds it
   * @throws IOException if the claim file cannot be opened or locked
   */
  public static RunClaim claim(Path dir) throws IOException, Busy {
    Path key = Layout.claimFile(dir.toRealPath());
    ProcessHandle self = ProcessHandle.current();
    if (!HELD.add(key)) {
      throw new Busy("pid " + self.pid() + " on " + Markers.hostName() + " (this process)");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) { // not through HELD: cannot happen, but never proceed on it
        lock = null;
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        HELD.remove(key);
        throw new Busy(holder);
      }
      byte[] who = (Markers.hostName() + "\t" + self.pid() + "\t" + Provenance.now() + "\n")
          .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(who), 0);
      channel.force(false);
      return new RunClaim(key, channel, lock);
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null && channel.isOpen()) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      HELD.remove(key);
      throw e;
    }
  }

  /**
   * Who the claim file says holds it, read through the claimant's own channel. The holder writes its line
   * just after it locks; a claimant that comes in between finds the file empty and reads again for up to
   * {@link #HOLDER_WAIT_MS} (nothing signals the write to another process).
   */
  private static String readHolder(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + HOLDER_WAIT_MS * 1_000_000;
    while (true) {
      ByteBuffer buf = ByteBuffer.allocate(512);
      while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
        // read what is there
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      String[] f = text.strip().split("\t", -1);
      if (f.length == 3 && text.endsWith("\n")) {
        return "pid " + f[1] + " on " + f[0] + " since " + f[2];
      }
      if (System.nanoTime() > deadline) {
        return "another process (it has not recorded its host and pid)";
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "another process (it has not recorded its host and pid yet)";
      }
    }
  }

  /** How long a claimant waits for the holder's line in a claim file it found empty. */
  private static final long HOLDER_WAIT_MS = 2000;

  /** Releases the claim (the process ending does too). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD.remove(key);
    }
  }
}
