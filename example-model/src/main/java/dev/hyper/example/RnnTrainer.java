package dev.hyper.example;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.JsonConfig;
import dev.hyper.runtime.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the example model for one experiment of sweep {@code rnn}, reading everything it needs from
 * the rendered jsonnet config the way an allennlp trainer would: the data set and its split, the
 * model's size and dropout, the batch size, the optimizer's learning rate, the number of epochs and
 * the early-stopping patience. All randomness comes from {@link Experiment#seed()}.
 *
 * <p>Writes {@code model.bin} (the best epoch's weights) and {@code metrics.json} to the
 * serialization dir, logs each epoch's losses and accuracy with the epochs done ({@code metrics.jsonl}: {@code epoch}
 * 1, 2, ..., the resource successive halving counts in {@code rnn-halving}), and saves a checkpoint
 * after each epoch: the weights, Adam's moments and step, the generator's state, the early-stopping
 * state and the history, so a run stopped (a SLURM time limit, preemption, Ctrl-C) and resumed ends
 * with the same bytes as one that was never stopped.
 */
public final class RnnTrainer implements Trainer<RnnParams> {
  @Override
  public void train(RnnParams params, Experiment experiment) throws Exception {
    train(experiment);
  }

  /**
   * Trains from the experiment's rendered config alone, so every sweep over {@code rnn_model.jsonnet}
   * (the grid {@code rnn}, the random search {@code rnn-random}, {@code rnn-halving} and {@code rnn-full}) shares
   * it. A run that successive halving stops is asked to stop like any other and returns after its checkpoint.
   */
  static void train(Experiment experiment) throws Exception {
    JsonConfig config = experiment.config();
    Digits data = Digits.load(
        config.getString("dataset_reader.data_path"),
        config.getDouble("dataset_reader.validation_fraction"),
        config.getLong("dataset_reader.split_seed"),
        config.getDouble("dataset_reader.token_indexers.pixels.max_value"));
    int epochs = config.getInt("trainer.num_epochs");
    int batchSize = config.getInt("iterator.batch_size");
    int patience = patience(config);

    long started = System.nanoTime();
    Rng rng = new Rng(experiment.seed());
    Mlp mlp = new Mlp(Digits.FEATURES,
        config.getInt("model.hidden_dim"),
        config.getInt("model.n_hidden_layers"),
        Digits.CLASSES,
        config.getDouble("model.dropout"),
        config.getDouble("trainer.optimizer.lr"),
        rng);

    State state = new State();
    var checkpoint = experiment.latestCheckpoint();
    if (checkpoint.isPresent()) {
      rng = state.read(checkpoint.get().dir(), mlp);
      System.out.printf("resuming after epoch %d from %s%n", state.epoch, checkpoint.get().dir());
    }
    int n = data.trainX().length;
    for (int epoch = state.epoch + 1; epoch < epochs; epoch++) {
      long epochStarted = System.nanoTime();
      int[] order = Digits.shuffled(n, rng);
      double trainLoss = 0;
      int batches = 0;
      for (int from = 0; from < n; from += batchSize) {
        trainLoss += mlp.trainBatch(data.trainX(), data.trainY(), order, from, Math.min(n, from + batchSize), rng);
        batches++;
      }
      double[] validation = mlp.evaluate(data.validX(), data.validY());
      pace(epochStarted, experiment);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", epoch);
      row.put("train_loss", trainLoss / batches);
      row.put("validation_loss", validation[0]);
      row.put("validation_accuracy", validation[1]);
      state.history.add(row);
      experiment.log(epoch, Map.of("epoch", epoch + 1, "train_loss", trainLoss / batches, "validation_loss",
          validation[0], "validation_accuracy", validation[1]));
      System.out.printf("epoch %d/%d  train_loss %.4f  validation_loss %.4f  validation_accuracy %.4f%n",
          epoch + 1, epochs, trainLoss / batches, validation[0], validation[1]);
      state.epoch = epoch;
      boolean stop = false;
      if (validation[1] > state.bestAccuracy) {
        state.bestAccuracy = validation[1];
        state.bestLoss = validation[0];
        state.bestEpoch = epoch;
        state.bestWeights = mlp.snapshot();
      } else if (epoch - state.bestEpoch >= patience) {
        System.out.printf("early stop: no better validation accuracy for %d epochs%n", patience);
        stop = true;
      }
      if (stop) {
        break;
      }
      Rng now = rng;
      experiment.saveCheckpoint(epoch, dir -> state.write(dir, mlp, now));
      if (experiment.stopRequested()) {
        System.out.printf("stop requested: checkpoint after epoch %d saved%n", epoch + 1);
        return;
      }
    }
    List<Map<String, Object>> history = state.history;
    double bestAccuracy = state.bestAccuracy;
    double bestLoss = state.bestLoss;
    int bestEpoch = state.bestEpoch;
    double[][][] bestWeights = state.bestWeights;
    double seconds = (System.nanoTime() - started) / 1e9;

    double[][][] best = bestWeights;
    writeAtomically(experiment.serializationDir().resolve("model.bin"), out -> mlp.write(best, out));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("best_epoch", bestEpoch);
    metrics.put("best_validation_accuracy", bestAccuracy);
    metrics.put("best_validation_loss", bestLoss);
    metrics.put("epochs", history);
    metrics.put("training_seconds", seconds);
    experiment.writeMetrics(metrics);
  }

  /**
   * Everything the loop goes on from after an epoch, as a checkpoint holds it: the epoch done, the
   * generator's state, the early-stopping state, the best weights and the history; the model's own
   * weights and Adam state are in the same file.
   */
  private static final class State {
    int epoch = -1;
    double bestAccuracy = -1;
    double bestLoss = Double.NaN;
    int bestEpoch = -1;
    double[][][] bestWeights;
    final List<Map<String, Object>> history = new ArrayList<>();

    void write(Path dir, Mlp mlp, Rng rng) throws IOException {
      try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
          Files.newOutputStream(dir.resolve("state.bin"))))) {
        out.writeInt(epoch);
        out.writeLong(rng.state());
        out.writeDouble(bestAccuracy);
        out.writeDouble(bestLoss);
        out.writeInt(bestEpoch);
        mlp.writeState(out);
        out.writeInt(bestWeights[0].length);
        for (int part = 0; part < 2; part++) {
          for (double[] layer : bestWeights[part]) {
            Mlp.writeDoubles(out, layer);
          }
        }
        out.writeInt(history.size());
        for (Map<String, Object> row : history) {
          out.writeInt((Integer) row.get("epoch"));
          out.writeDouble((Double) row.get("train_loss"));
          out.writeDouble((Double) row.get("validation_loss"));
          out.writeDouble((Double) row.get("validation_accuracy"));
        }
      }
    }

    /** Reads a checkpoint into this state and {@code mlp}; returns the generator to go on with. */
    Rng read(Path dir, Mlp mlp) throws IOException {
      try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
          Files.newInputStream(dir.resolve("state.bin"))))) {
        epoch = in.readInt();
        Rng rng = new Rng(in.readLong());
        bestAccuracy = in.readDouble();
        bestLoss = in.readDouble();
        bestEpoch = in.readInt();
        mlp.readState(in);
        bestWeights = mlp.snapshot();
        if (in.readInt() != bestWeights[0].length) {
          throw new IOException(dir + ": the checkpoint's model has another number of layers");
        }
        for (int part = 0; part < 2; part++) {
          for (double[] layer : bestWeights[part]) {
            Mlp.readDoubles(in, layer);
          }
        }
        for (int i = in.readInt(); i > 0; i--) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("epoch", in.readInt());
          row.put("train_loss", in.readDouble());
          row.put("validation_loss", in.readDouble());
          row.put("validation_accuracy", in.readDouble());
          history.add(row);
        }
        return rng;
      }
    }
  }

  /**
   * {@code -Dexample.epoch_seconds=S} (a JVM option, e.g. {@code sweep --jvm-arg}): each epoch lasts at least S
   * seconds, so a short training can meet a SLURM time limit or preemption on a test cluster. The wait ends at
   * a stop request and changes no result.
   */
  static final String EPOCH_SECONDS = "example.epoch_seconds";

  private static void pace(long epochStarted, Experiment experiment) throws InterruptedException {
    long until = epochStarted + (long) (Double.parseDouble(System.getProperty(EPOCH_SECONDS, "0")) * 1e9);
    while (System.nanoTime() < until && !experiment.stopRequested()) {
      Thread.sleep(50);
    }
  }

  /** The patience of the {@code track_metrics} callback, as allennlp's callback trainer reads it. */
  private static int patience(JsonConfig config) {
    for (Object callback : (List<?>) config.get("trainer.callbacks")) {
      if (callback instanceof Map<?, ?> map && "track_metrics".equals(map.get("type"))) {
        return ((Number) map.get("patience")).intValue();
      }
    }
    return Integer.MAX_VALUE;
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Body body) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
