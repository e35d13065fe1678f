package dev.hyper.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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

  /**
   * Appends one line to {@code metrics.jsonl} in {@link #serializationDir()}: {@code {"step": STEP,
   * "time": "...", KEY: VALUE, ...}}, written whole with one append, so a run killed meanwhile leaves
   * at most a torn last line, which readers skip. Values as for {@link #writeMetrics}.
   */
  void log(long step, Map<String, ?> metrics) throws IOException;

  /** Where checkpoints are kept: {@code checkpoints/} in {@link #serializationDir()}. */
  Path checkpointDir();

  /**
   * Saves a checkpoint of {@code step}: {@code files} writes whatever the trainer needs into a new
   * directory, which is then renamed into place as {@code checkpoints/step-STEP}; a run killed while it
   * saves leaves the previous checkpoint as the latest. The two newest are kept.
   */
  void saveCheckpoint(long step, CheckpointWriter files) throws IOException;

  /** The newest complete checkpoint, from which a resumed run goes on; empty for a fresh start. */
  Optional<Checkpoint> latestCheckpoint() throws IOException;

  /**
   * Whether this run was asked to stop: SIGTERM, SIGINT or SIGUSR1 (a SLURM time limit's warning,
   * preemption, Ctrl-C in {@code exec}). A trainer that asks is expected to save a checkpoint and
   * return; its run is then marked interrupted (unless it wrote {@code metrics.json}, which means it
   * finished) and the next run resumes. Until a trainer first asks, such a signal ends the run at once
   * as it always did.
   *
   * <p>In a sweep with successive halving ({@code @Sweep(halving)}) it also turns true when the run was
   * stopped at a rung: the trainer returns the same way, and the run is marked {@code STOPPED}.
   */
  boolean stopRequested();

  /** Writes a checkpoint's files into {@code dir}. */
  @FunctionalInterface
  interface CheckpointWriter {
    void write(Path dir) throws IOException;
  }

  /**
   * A saved checkpoint.
   *
   * @param step the step it was saved at
   * @param dir its directory, holding what {@link CheckpointWriter} wrote
   */
  record Checkpoint(long step, Path dir) {}
}
