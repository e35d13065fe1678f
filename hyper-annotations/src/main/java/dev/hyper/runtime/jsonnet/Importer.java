package dev.hyper.runtime.jsonnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a template's files come from. A {@link JsonnetTemplate} names every file by a normalized
 * {@code /}-separated path: the template itself by its display name, and an {@code import} or
 * {@code importstr} by the importing file's directory joined with the imported name (so imports are
 * relative to the file that imports). The importer maps such a path to the file's text.
 */
@FunctionalInterface
public interface Importer {
  /**
   * The text of the file at {@code path}, or empty when there is no such file.
   *
   * @param path normalized, {@code /}-separated; relative to the importer's base, unless it starts with
   *     {@code /}; it may start with {@code ../} when an import leaves the base
   */
  Optional<String> read(String path) throws IOException;

  /** An importer that finds nothing: {@code import} always fails. */
  static Importer none() {
    return path -> Optional.empty();
  }

  /** Files under {@code dir} of the file system (absolute paths and {@code ..} are honoured). */
  static Importer directory(Path dir) {
    Objects.requireNonNull(dir);
    return path -> {
      Path file = dir.resolve(path).normalize();
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    };
  }

  /** Classpath resources of {@code loader}; the path is the resource name. Paths leaving the root find nothing. */
  static Importer classpath(ClassLoader loader) {
    Objects.requireNonNull(loader);
    return path -> {
      String name = path.startsWith("/") ? path.substring(1) : path;
      if (name.startsWith("../") || name.equals("..")) {
        return Optional.empty();
      }
      try (InputStream in = loader.getResourceAsStream(name)) {
        return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    };
  }
}
