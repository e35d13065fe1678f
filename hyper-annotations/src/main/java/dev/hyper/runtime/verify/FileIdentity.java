package dev.hyper.runtime.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A file's identity as the file system keeps it, without reading the file: inode, size, modification and
 * change time. Writing a file changes its change time, and nothing but the kernel sets that (unlike the
 * modification time, which {@code touch -d} can put back), so a file of the same identity holds what it held,
 * unless it was written within the time stamps' granularity of when its identity was taken:
 * {@link #settledBefore} says whether it is too young to tell.
 */
record FileIdentity(long inode, long size, long modifiedNanos, long changedNanos) {
  /** What a file that is not there has. */
  static final FileIdentity ABSENT = new FileIdentity(-1, -1, -1, -1);

  /** The identity of {@code file}, {@link #ABSENT} if there is none; null where the file system keeps none. */
  static FileIdentity of(Path file) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:ino,size,lastModifiedTime,ctime");
    } catch (NoSuchFileException e) {
      return ABSENT;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null;                                       // no unix attribute view: no record
    }
    return new FileIdentity((Long) a.get("ino"), (Long) a.get("size"), nanos(a.get("lastModifiedTime")),
        nanos(a.get("ctime")));
  }

  /**
   * This identity without its times: for a hard link to a stored file, which every new link to it gives a new
   * change time, and whose content {@code verify} hashes once per run instead.
   */
  FileIdentity withoutTimes() {
    return inode < 0 ? this : new FileIdentity(inode, size, 0, 0);
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  /** Whether the file was last written before {@code nanos} (since the epoch); an absent file was. */
  boolean settledBefore(long nanos) {
    return modifiedNanos < nanos && changedNanos < nanos;
  }

  /** As the record spells it: {@code -} for absent, else the four numbers in hexadecimal, dot-separated. */
  String spelled() {
    return inode < 0 ? "-" : Long.toHexString(inode) + "." + Long.toHexString(size) + "."
        + Long.toHexString(modifiedNanos) + "." + Long.toHexString(changedNanos);
  }
}
