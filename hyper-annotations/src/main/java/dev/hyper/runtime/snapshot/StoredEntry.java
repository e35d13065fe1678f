package dev.hyper.runtime.snapshot;

import java.util.Objects;

/**
 * One class-path entry of a snapshot, as the store keeps it: {@code SHA256.jar}.
 *
 * @param name what it was called where the sweep ran ({@code scala-library-2.13.12.jar}, {@code classes/})
 * @param directory whether it was a classes directory (stored as a {@link DirectoryJar})
 * @param size the stored jar's size in bytes
 * @param sha256 the stored jar's SHA-256
 */
public record StoredEntry(String name, boolean directory, long size, String sha256) {
  public StoredEntry {
    Objects.requireNonNull(name);
    Objects.requireNonNull(sha256);
  }

  /** Its file name in the store. */
  public String fileName() {
    return sha256 + ".jar";
  }
}
