package dev.hyper.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A rendered experiment config, parsed. Values are read by path: object keys separated by dots, array
 * elements by their index ({@code trainer.num_epochs}, {@code trainer.callbacks.0.type}, or
 * {@code trainer.callbacks[0].type}).
 *
 * <p>A missing path or a value of the wrong type throws {@link PathException} naming the path, e.g.
 * {@code config.json: 'trainer.num_epoch' not found: 'trainer' has keys callbacks, cuda_device, num_epochs, ...}.
 */
public interface JsonConfig {
  /** A path that is not in the config, or whose value has another type than asked for. */
  final class PathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public PathException(String path, String message) {
      super(message);
      this.path = path;
    }

    /** The path asked for. */
    public String path() {
      return path;
    }
  }

  /** Parses JSON text; {@code source} names it in errors (e.g. the file name). */
  static JsonConfig parse(String json, String source) throws IOException {
    return JacksonJsonConfig.parse(json, source);
  }

  /** Reads and parses a JSON file. */
  static JsonConfig read(Path file) throws IOException {
    return JacksonJsonConfig.read(file);
  }

  /** Whether the path exists (its value may be JSON null). */
  boolean has(String path);

  /**
   * The value at the path as plain Java: {@code Map<String, Object>} (keys in file order),
   * {@code List<Object>}, {@link String}, a {@link Number} ({@link Integer}, {@link Long} or {@link Double}),
   * {@link Boolean}, or null for JSON null.
   */
  Object get(String path);

  /** An integral number that fits an {@code int}. */
  int getInt(String path);

  /** An integral number that fits a {@code long}. */
  long getLong(String path);

  /** Any number. */
  double getDouble(String path);

  /** A string. */
  String getString(String path);

  /** A boolean. */
  boolean getBoolean(String path);

  /** The object at the path, as a config of its own (paths are then relative to it). */
  JsonConfig object(String path);

  /** The keys of the top-level object, in file order. */
  Set<String> keys();
}
