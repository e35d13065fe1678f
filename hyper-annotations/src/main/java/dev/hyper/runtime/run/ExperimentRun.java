package dev.hyper.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@link Experiment} a trainer gets from {@code run}: an {@link ExperimentInfo} with its files. */
public final class ExperimentRun implements Experiment {
  /** The file {@link #writeMetrics} writes in the serialization directory. */
  public static final String METRICS_FILE = "metrics.json";
  /** Jackson with its defaults, as {@link JsonConfig} reads JSON. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ExperimentInfo info;
  private final StepObserver observer;
  private JsonConfig config;

  public ExperimentRun(ExperimentInfo info) {
    this(info, null);
  }

  /** A run whose logged steps {@code observer} sees (successive halving), and which stops when it asks. */
  public ExperimentRun(ExperimentInfo info, StepObserver observer) {
    this.info = Objects.requireNonNull(info);
    this.observer = observer;
  }

  /** Everything known about the experiment. */
  public ExperimentInfo info() {
    return info;
  }

  @Override
  public String sweep() {
    return info.sweep();
  }

  @Override
  public String id() {
    return info.id();
  }

  @Override
  public int trial() {
    return info.trial();
  }

  @Override
  public long seed() {
    return info.seed();
  }

  @Override
  public Path configJson() {
    return info.resolve(info.configJson());
  }

  @Override
  public Path serializationDir() {
    return info.resolve(info.serializationDir());
  }

  @Override
  public JsonConfig config() throws IOException {
    if (config == null) {
      config = JsonConfig.read(configJson());
    }
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Writes a temporary file beside {@code metrics.json} and renames it into place, so readers see
   * the old file or the new one, never half of one. NaN and infinities are written as strings.
   *
   * @throws IllegalArgumentException if a value is of another type
   */
  @Override
  public void writeMetrics(Map<String, ?> metrics) throws IOException {
    checkValue("metrics", metrics);
    Path dir = serializationDir();
    Files.createDirectories(dir);
    Path target = dir.resolve(METRICS_FILE);
    Path temp = Files.createTempFile(dir, ".metrics-", ".json.tmp");
    try {
      byte[] json = MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(metrics);
      Files.write(temp, json);
      Files.write(temp, "\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@inheritDoc} */
  @Override
  public void log(long step, Map<String, ?> metrics) throws IOException {
    checkValue("log", metrics);
    StepLog.append(serializationDir(), step, Provenance.now(), metrics);
    if (observer != null) {
      observer.logged(step, metrics);
    }
  }

  @Override
  public Path checkpointDir() {
    return serializationDir().resolve(Checkpoints.DIR);
  }

  @Override
  public void saveCheckpoint(long step, CheckpointWriter files) throws IOException {
    Checkpoints.save(checkpointDir(), step, files);
  }

  @Override
  public java.util.Optional<Checkpoint> latestCheckpoint() throws IOException {
    return Checkpoints.latest(checkpointDir());
  }

  @Override
  public boolean stopRequested() {
    boolean signalled = StopSignals.requested();
    return signalled || observer != null && observer.stopRequested();
  }

  private static void checkValue(String where, Object v) {
    if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
      return;
    }
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(where + ": keys must be strings, found " + e.getKey());
        }
        checkValue(where + "." + key, e.getValue());
      }
      return;
    }
    if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        checkValue(where + "[" + i + "]", l.get(i));
      }
      return;
    }
    throw new IllegalArgumentException(where + " is a " + v.getClass().getName()
        + "; metrics are numbers, strings, booleans, null, lists and maps");
  }

  @Override
  public String toString() {
    return "experiment " + info.id() + " trial " + info.trial() + " of sweep " + info.sweep();
  }
}
