package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.Markers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.MutableTomlTable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * What an experiment held before {@code sweep --force} replaced it with another config: its markers
 * and outputs are moved (renamed, never copied or deleted) out of the serialization directory into
 * {@code .replaced-TIME/} inside it ({@link Layout#REPLACED_PREFIX}), with the old TOML and JSON and a
 * {@code REPLACED} file that says when, why, and which snapshot the old results came from:
 * <pre>
 * marker = "REPLACED"
 * time = "2026-11-27T19:20:35.123Z"
 * reason = "ID.json differs"
 * old_snapshot_sha256 = "9a80..."      # absent if the old TOML names none
 * new_snapshot_sha256 = "5c1e..."
 * </pre>
 * So the experiment is pending again: {@code status}, {@code verify}, {@code exec} and {@code results}
 * see only what its new config produces. The markers move first, {@code DONE} before the rest, so a
 * sweep killed meanwhile never leaves a {@code DONE} beside outputs it did not vouch for.
 */
final class ReplacedOutputs {
  static final String RECORD = "REPLACED";

  private ReplacedOutputs() {}

  /**
   * Archives the contents of {@code serialization} (but earlier archives), if any,
   * for experiment {@code info} whose config directory {@code confDir} is about to be replaced.
   *
   * @return the archive, or null if there was nothing to archive
   */
  static Path archive(Path serialization, Path confDir, ExperimentInfo info, String reason, String newSha)
      throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(serialization)) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        if (!name.startsWith(Layout.REPLACED_PREFIX)) {
          entries.add(p);
        }
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    entries.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    Markers.clearing(serialization);
    String time = Provenance.now();
    Path archive = newArchive(serialization, time);
    Path oldToml = confDir.resolve(info.confPath().getFileName());
    Path oldJson = confDir.resolve(info.configJson().getFileName());
    MutableTomlTable t = MutableTomlTable.create();
    t.set("marker", RECORD);
    t.setCommentAbove("marker", "Hyper: sweep --force replaced this experiment's config; this directory holds what"
        + " it had produced before.");
    t.set("time", time);
    t.set("reason", reason);
    String oldSha = oldSnapshot(oldToml);
    if (oldSha != null) {
      t.set("old_snapshot_sha256", oldSha);
    }
    t.set("new_snapshot_sha256", newSha);
    AtomicFiles.write(archive.resolve(RECORD), t.toToml().getBytes(StandardCharsets.UTF_8), null);
    for (Path config : List.of(oldToml, oldJson)) {
      if (Files.isRegularFile(config)) {
        Files.copy(config, archive.resolve(config.getFileName()));
      }
    }
    for (Path p : entries) {
      Files.move(p, archive.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
    return archive;
  }

  /** DONE first, then FAILED and STARTED, then the outputs. */
  private static int rank(Path p) {
    return switch (p.getFileName().toString()) {
      case Markers.DONE -> 0;
      case Markers.FAILED -> 1;
      case Markers.STARTED -> 2;
      default -> 3;
    };
  }

  /** A new directory {@code .replaced-TIME} (with {@code -2}, {@code -3}, ... if that is taken). */
  private static Path newArchive(Path serialization, String time) throws IOException {
    String base = Layout.REPLACED_PREFIX + time.replace(':', '-');
    for (int n = 1; ; n++) {
      Path p = serialization.resolve(n == 1 ? base : base + "-" + n);
      try {
        return Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        // replaced twice within a millisecond: the next name
      }
    }
  }

  private static String oldSnapshot(Path toml) {
    try {
      TomlParseResult old = Toml.parse(toml);
      return old.getString("snapshot.sha256");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
