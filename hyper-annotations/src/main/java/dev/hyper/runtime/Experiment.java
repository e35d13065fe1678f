package dev.hyper.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** One experiment as its trainer sees it: a grid point, a trial, and where its files live. */
public interface Experiment {
  /** The sweep's name. */
  String sweep();

  /** The experiment's id: a hash of the sweep name and the typed params, shared by its trials. */
  String id();

  /** The trial, 0-based. */
  int trial();

  /** The seed for all of this experiment's randomness, derived from {@link #id()} and {@link #trial()}. */
  long seed();

  /** The rendered jsonnet config (JSON). */
  Path configJson();

  /** The directory the trainer writes its model and outputs to; it exists when training starts. */
  Path serializationDir();

  /** The rendered config, parsed: dotted-path access to values such as {@code trainer.num_epochs}. */
  JsonConfig config() throws IOException;

  /**
   * Writes {@code metrics.json} into {@link #serializationDir()}, atomically. Values may be numbers,
   * strings, booleans, null, lists and maps of these.
   */
  void writeMetrics(Map<String, ?> metrics) throws IOException;
}
