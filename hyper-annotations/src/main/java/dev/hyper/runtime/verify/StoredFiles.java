package dev.hyper.runtime.verify;

import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.snapshot.LauncherJar;
import dev.hyper.runtime.snapshot.StoredEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify} learns once per stored file rather than once per experiment: every experiment's
 * {@code model.jar} is a hard link to one stored jar, so its SHA-256 is computed once per file (same inode,
 * size and modification time), and a launcher jar's class-path entries, which its contents fix, are read once
 * per SHA-256 (opening a jar of thousands of entries costs milliseconds).
 */
public final class StoredFiles implements ExperimentChecks.Hasher {
  private final Map<Object, String> shaByFile = new HashMap<>();
  private final Map<String, List<StoredEntry>> entriesBySha = new HashMap<>();

  @Override
  public String sha256(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = a.fileKey() != null ? List.of(a.fileKey(), a.size(), a.lastModifiedTime())
        : file.toAbsolutePath().normalize();
    String sha = shaByFile.get(key);
    if (sha == null) {
      sha = Sha256.of(file);
      shaByFile.put(key, sha);
    }
    return sha;
  }

  @Override
  public List<StoredEntry> entries(Path jar, String sha256) throws IOException {
    List<StoredEntry> entries = entriesBySha.get(sha256);
    if (entries == null) {
      entries = LauncherJar.entries(jar);
      entriesBySha.put(sha256, entries);
    }
    return entries;
  }
}
