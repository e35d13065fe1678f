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
import java.util.SplittableRandom;

/**
 * Trains the example model for one experiment of sweep {@code rnn}, reading everything it needs from
 * the rendered jsonnet config the way an allennlp trainer would: the data set and its split, the
 * model's size and dropout, the batch size, the optimizer's learning rate, the number of epochs and
 * the early-stopping patience. All randomness comes from {@link Experiment#seed()}.
 *
 * <p>Writes {@code model.bin} (the best epoch's weights) and {@code metrics.json} to the
 * serialization dir.
 */
public final class RnnTrainer implements Trainer<RnnParams> {
  @Override
  public void train(RnnParams params, Experiment experiment) throws Exception {
    train(experiment);
  }

  /**
   * Trains from the experiment's rendered config alone, so every sweep over {@code rnn_model.jsonnet}
   * (the grid {@code rnn} and the random search {@code rnn-random}) shares it.
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
    SplittableRandom rng = new SplittableRandom(experiment.seed());
    Mlp mlp = new Mlp(Digits.FEATURES,
        config.getInt("model.hidden_dim"),
        config.getInt("model.n_hidden_layers"),
        Digits.CLASSES,
        config.getDouble("model.dropout"),
        config.getDouble("trainer.optimizer.lr"),
        rng);

    List<Map<String, Object>> history = new ArrayList<>();
    double bestAccuracy = -1;
    double bestLoss = Double.NaN;
    int bestEpoch = -1;
    double[][][] bestWeights = null;
    int n = data.trainX().length;
    for (int epoch = 0; epoch < epochs; epoch++) {
      int[] order = Digits.shuffled(n, rng);
      double trainLoss = 0;
      int batches = 0;
      for (int from = 0; from < n; from += batchSize) {
        trainLoss += mlp.trainBatch(data.trainX(), data.trainY(), order, from, Math.min(n, from + batchSize), rng);
        batches++;
      }
      double[] validation = mlp.evaluate(data.validX(), data.validY());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", epoch);
      row.put("train_loss", trainLoss / batches);
      row.put("validation_loss", validation[0]);
      row.put("validation_accuracy", validation[1]);
      history.add(row);
      System.out.printf("epoch %d/%d  train_loss %.4f  validation_loss %.4f  validation_accuracy %.4f%n",
          epoch + 1, epochs, trainLoss / batches, validation[0], validation[1]);
      if (validation[1] > bestAccuracy) {
        bestAccuracy = validation[1];
        bestLoss = validation[0];
        bestEpoch = epoch;
        bestWeights = mlp.snapshot();
      } else if (epoch - bestEpoch >= patience) {
        System.out.printf("early stop: no better validation accuracy for %d epochs%n", patience);
        break;
      }
    }
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
