package dev.hyper.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test helpers: javac with both Hyper processors, and the test templates. */
final class Hyper {
  private Hyper() {}

  /** {@code src/test/resources/jsonnet}, as copied to the test class path. */
  static Path jsonnetDir() {
    URL url = Hyper.class.getResource("/jsonnet/rnn_model.jsonnet");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** javac with HyperProcessor and HyperIndexProcessor, reading templates from {@link #jsonnetDir()}. */
  static Compiler javacWithHyper(String... options) {
    List<String> all = new ArrayList<>();
    all.add("-Ahyper.jsonnetRoot=" + jsonnetDir());
    all.addAll(List.of(options));
    return javac().withProcessors(new HyperProcessor(), new HyperIndexProcessor()).withOptions(all);
  }

  static JavaFileObject source(String fqcn, String text) {
    return JavaFileObjects.forSourceString(fqcn, text);
  }

  /** The blog's sweep, as the spec shows it. */
  static final String RNN_PARAMS = """
      package dev.hyper.example;

      import dev.hyper.Axis;
      import dev.hyper.Slurm;
      import dev.hyper.Sweep;

      @Sweep(name = "rnn", config = "rnn_model.jsonnet", trials = 1,
          slurm = @Slurm(qos = "gpu-medium", time = "1-00:00:00"), trainer = RnnTrainer.class)
      public record RnnParams(
          @Axis(doubles = {0.001, 0.0001, 0.00001}) double lr,
          @Axis(doubles = {0.2, 0.35, 0.5}) double dropout,
          @Axis(ints = {100, 300, 500, 1000}) int hiddenDim,
          @Axis(ints = {1, 2}) int nHiddenLayers) {}
      """;

  static final String RNN_TRAINER = """
      package dev.hyper.example;

      import dev.hyper.runtime.Experiment;
      import dev.hyper.runtime.Trainer;

      public class RnnTrainer implements Trainer<RnnParams> {
        @Override
        public void train(RnnParams params, Experiment experiment) {}
      }
      """;

  static JavaFileObject rnnParams() {
    return source("dev.hyper.example.RnnParams", RNN_PARAMS);
  }

  static JavaFileObject rnnTrainer() {
    return source("dev.hyper.example.RnnTrainer", RNN_TRAINER);
  }
}
