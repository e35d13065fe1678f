package dev.hyper.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hyper.processor.Hyper.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** What Hyper generates, against goldens in {@code src/test/resources/golden/HyperGeneratorTest/}. */
class HyperGeneratorTest {

  /** The spec's example: the three files in /work/spec, verbatim. */
  @Test
  void rnnParams(TestInfo test) {
    Compilation c = Hyper.javacWithHyper().compile(Hyper.rnnParams(), Hyper.rnnTrainer());
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test,
        "dev.hyper.example.RnnParamsGrid", "dev.hyper.example.RnnParamsConfig", "dev.hyper.example.RnnParamsLauncher");
  }

  /** long, String, boolean and enum axes, an enum with every constant, a tla override; no slurm, trainer or template. */
  @Test
  void mixedAxesWithoutTemplate(TestInfo test) {
    JavaFileObject src = source("exp.mixed.MixedParams", """
        package exp.mixed;

        import dev.hyper.Axis;
        import dev.hyper.Sweep;

        @Sweep(name = "mixed")
        public record MixedParams(
            @Axis(longs = {1L, 10000000000L, -3L}) long steps,
            @Axis(strings = {"adam", "sgd \\"quoted\\"\\n"}) String optimizer,
            @Axis(booleans = {true, false}) boolean debug,
            @Axis Mode mode,
            @Axis(strings = {"CAREFUL", "FAST"}) Mode fixedMode,
            @Axis(ints = {3}, tla = "num_gpus") int numGPUs,
            @Axis(doubles = {-0.5, 1e10, 0.0}) double scale) {
          public enum Mode { FAST, SLOW, CAREFUL }
        }
        """);
    Compilation c = Hyper.javacWithHyper().compile(src);
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test,
        "exp.mixed.MixedParamsGrid", "exp.mixed.MixedParamsConfig", "exp.mixed.MixedParamsLauncher");
  }

  /** Linear and log ranges on double, int and long components, and a paired (grouped) axis, on a grid. */
  @Test
  void rangesAndPairedAxes(TestInfo test) {
    JavaFileObject src = source("exp.ranges.RangeParams", """
        package exp.ranges;

        import dev.hyper.Axis;
        import dev.hyper.LogRange;
        import dev.hyper.Range;
        import dev.hyper.Sweep;

        @Sweep(name = "ranges")
        public record RangeParams(
            @Axis(logRange = @LogRange(from = 1e-5, to = 1e-2, count = 4)) double lr,
            @Axis(range = @Range(from = 0.1, to = 0.5, step = 0.1)) double dropout,
            @Axis(ints = {300, 1000}, group = "arch") int hiddenDim,
            @Axis(range = @Range(from = 0, to = 1, count = 5)) double mix,
            @Axis(range = @Range(from = 1, to = 2, step = 1), group = "arch") int nLayers,
            @Axis(range = @Range(from = 1000, to = 3000, count = 3)) long steps) {}
        """);
    Compilation c = Hyper.javacWithHyper().compile(src);
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test, "exp.ranges.RangeParamsGrid");
  }

  /** Random search: distributions, a value list, a range and a group, with the template. */
  @Test
  void randomSearch(TestInfo test) {
    JavaFileObject src = source("exp.random.RandomParams", """
        package exp.random;

        import dev.hyper.Axis;
        import dev.hyper.LogUniform;
        import dev.hyper.Range;
        import dev.hyper.Sweep;
        import dev.hyper.Uniform;

        @Sweep(name = "rnn-random", config = "rnn_model.jsonnet", samples = 12, seed = 7)
        public record RandomParams(
            @Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2)) double lr,
            @Axis(uniform = @Uniform(min = 0.1, max = 0.6)) double dropout,
            @Axis(ints = {300, 1000}, group = "arch") int hiddenDim,
            @Axis(range = @Range(from = 1, to = 2, step = 1), group = "arch") int nHiddenLayers) {}
        """);
    Compilation c = Hyper.javacWithHyper().compile(src);
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test, "exp.random.RandomParamsGrid", "exp.random.RandomParamsLauncher");
  }

  /** A record nested in a class: Outer_Params*, every @Slurm attribute, a nested trainer. */
  @Test
  void nestedRecord(TestInfo test) {
    JavaFileObject src = source("exp.nested.Outer", """
        package exp.nested;

        import dev.hyper.Axis;
        import dev.hyper.Slurm;
        import dev.hyper.Sweep;
        import dev.hyper.runtime.Experiment;
        import dev.hyper.runtime.Trainer;

        public class Outer {
          @Sweep(name = "nested", config = "rnn_model.jsonnet", trials = 3, trainer = Outer.Train.class,
              slurm = @Slurm(qos = "q", time = "90", partition = "gpu", cpus = 4, mem = "16G", gres = "gpu:1",
                  maxParallel = 10))
          public record Params(@Axis(doubles = 0.1) double lr, @Axis(ints = {1, 2}) int hiddenDim) {}

          public static class Train implements Trainer<Params> {
            @Override
            public void train(Params params, Experiment experiment) {}
          }
        }
        """);
    Compilation c = Hyper.javacWithHyper().compile(src);
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test,
        "exp.nested.Outer_ParamsGrid", "exp.nested.Outer_ParamsConfig", "exp.nested.Outer_ParamsLauncher");
  }

  /** The header and comments, which hasSourceEquivalentTo ignores: pinned character for character. */
  @Test
  void headerAndJavadocArePinned() {
    Compilation c = Hyper.javacWithHyper().compile(Hyper.rnnParams(), Hyper.rnnTrainer());
    assertThat(c).generatedSourceFile("dev.hyper.example.RnnParamsGrid").contentsAsUtf8String().isEqualTo("""
        // Generated by Hyper from dev.hyper.example.RnnParams; edit RnnParams or rnn_model.jsonnet instead.
        package dev.hyper.example;

        import dev.hyper.HyperGenerated;
        import dev.hyper.runtime.Grid;
        import dev.hyper.runtime.Param;
        import java.util.List;
        import javax.annotation.processing.Generated;

        /**
         * The grid of sweep {@code rnn}: every combination of the {@link RnnParams} axes, 72 points, last
         * component fastest.
         */
        @Generated(
            value = "dev.hyper.processor.HyperProcessor",
            comments = "from RnnParams"
        )
        @HyperGenerated
        public final class RnnParamsGrid extends Grid<RnnParams> {
          /**
           * Creates the grid; it is immutable and cheap, nothing is materialized.
           */
          public RnnParamsGrid() {
            super(List.of(
                Param.doubles("lr", "lr", RnnParams::lr, 0.001, 1.0E-4, 1.0E-5),
                Param.doubles("dropout", "dropout", RnnParams::dropout, 0.2, 0.35, 0.5),
                Param.ints("hiddenDim", "hidden_dim", RnnParams::hiddenDim, 100, 300, 500, 1000),
                Param.ints("nHiddenLayers", "n_hidden_layers", RnnParams::nHiddenLayers, 1, 2)),
                v -> new RnnParams(v.getDouble(0), v.getDouble(1), v.getInt(2), v.getInt(3)));
          }
        }
        """);
  }

  @Test
  void generatedAnnotationCanBeTurnedOff() {
    Compilation c = Hyper.javacWithHyper("-Ahyper.generatedAnnotation=false")
        .compile(Hyper.rnnParams(), Hyper.rnnTrainer());
    assertThat(c).succeededWithoutWarnings();
    for (String kind : List.of("Grid", "Config", "Launcher")) {
      assertThat(c).generatedSourceFile("dev.hyper.example.RnnParams" + kind).contentsAsUtf8String()
          .doesNotContain("javax.annotation.processing.Generated");
      assertThat(c).generatedSourceFile("dev.hyper.example.RnnParams" + kind).contentsAsUtf8String()
          .contains("@HyperGenerated");
    }
  }

  /** The sweep index lists every launcher of the compilation, sorted, one per line. */
  @Test
  void indexListsEveryLauncherSorted() {
    JavaFileObject other = source("a.first.ZParams", """
        package a.first;
        @dev.hyper.Sweep(name = "z")
        public record ZParams(@dev.hyper.Axis(ints = {1, 2}) int x) {}
        """);
    Compilation c = Hyper.javacWithHyper().compile(Hyper.rnnParams(), Hyper.rnnTrainer(), other);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.hyper.runtime.SweepSpec$Provider")
        .contentsAsUtf8String()
        .isEqualTo("a.first.ZParamsLauncher\ndev.hyper.example.RnnParamsLauncher\n");
  }

  /** The generated grid and launcher run: compiled here, loaded from compile-testing's class files. */
  @Test
  void generatedGridRuns() throws Exception {
    Compilation c = Hyper.javacWithHyper().compile(Hyper.rnnParams(), Hyper.rnnTrainer());
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new GeneratedClassLoader(c, getClass().getClassLoader());

    dev.hyper.runtime.Grid<?> grid =
        (dev.hyper.runtime.Grid<?>) loader.loadClass("dev.hyper.example.RnnParamsGrid").getConstructor().newInstance();
    assertThat(grid.size()).isEqualTo(72);
    assertThat(grid.components()).containsExactly("lr", "dropout", "hiddenDim", "nHiddenLayers").inOrder();
    assertThat(grid.get(0).toString()).isEqualTo("RnnParams[lr=0.001, dropout=0.2, hiddenDim=100, nHiddenLayers=1]");
    assertThat(grid.get(71).toString())
        .isEqualTo("RnnParams[lr=1.0E-5, dropout=0.5, hiddenDim=1000, nHiddenLayers=2]");
    assertThat(grid.get(1).toString()).isEqualTo("RnnParams[lr=0.001, dropout=0.2, hiddenDim=100, nHiddenLayers=2]");
    @SuppressWarnings("unchecked")
    dev.hyper.runtime.Grid<Object> g = (dev.hyper.runtime.Grid<Object>) grid;
    for (long i = 0; i < g.size(); i++) {
      assertThat(g.indexOf(g.get(i))).isEqualTo(i);
    }
    assertThat(grid.params().get(2).tla()).isEqualTo("hidden_dim");

    Object provider = loader.loadClass("dev.hyper.example.RnnParamsLauncher").getConstructor().newInstance();
    dev.hyper.runtime.SweepSpec<?> spec = ((dev.hyper.runtime.SweepSpec.Provider) provider).spec();
    assertThat(spec.name()).isEqualTo("rnn");
    assertThat(spec.template()).hasValue("rnn_model.jsonnet");
    assertThat(spec.trials()).isEqualTo(1);
    assertThat(spec.slurm()).isEqualTo(dev.hyper.runtime.SlurmSettings.NONE.withQos("gpu-medium").withTime("1-00:00:00"));
    assertThat(spec.newTrainer().getClass().getName()).isEqualTo("dev.hyper.example.RnnTrainer");
    assertThat(spec.grid().size()).isEqualTo(72);

    Class<?> config = loader.loadClass("dev.hyper.example.RnnParamsConfig");
    Class<?> params = loader.loadClass("dev.hyper.example.RnnParams");
    Object point = grid.get(5);
    Object cfg = config.getConstructor(dev.hyper.runtime.ExperimentInfo.class, params).newInstance(null, point);
    assertThat(config.getMethod("tlas").invoke(cfg).toString())
        .isEqualTo(dev.hyper.runtime.Tla.of((dev.hyper.runtime.SweepSpec) spec, (Record) point).toString());
    assertThat(config.getMethod("tlas").invoke(cfg).toString()).contains("hidden_dim");
  }

  /** @Sweep(metric, goal) reaches the SweepSpec the launcher builds; without them the spec has neither. */
  @Test
  void declaredMetricAndGoalReachTheSpec() throws Exception {
    JavaFileObject src = source("exp.goal.GoalParams", """
        package exp.goal;

        import dev.hyper.Axis;
        import dev.hyper.Goal;
        import dev.hyper.Sweep;

        @Sweep(name = "goal", metric = "validation.mse", goal = Goal.MIN)
        public record GoalParams(@Axis(ints = {1, 2}) int x) {}
        """);
    Compilation c = Hyper.javacWithHyper().compile(src, Hyper.rnnParams(), Hyper.rnnTrainer());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("exp.goal.GoalParamsLauncher").contentsAsUtf8String()
        .contains(".metric(\"validation.mse\", Goal.MIN)");
    ClassLoader loader = new GeneratedClassLoader(c, getClass().getClassLoader());
    dev.hyper.runtime.SweepSpec<?> declared = ((dev.hyper.runtime.SweepSpec.Provider) loader
        .loadClass("exp.goal.GoalParamsLauncher").getConstructor().newInstance()).spec();
    assertThat(declared.metric()).hasValue("validation.mse");
    assertThat(declared.goal()).hasValue(dev.hyper.Goal.MIN);
    dev.hyper.runtime.SweepSpec<?> rnn = ((dev.hyper.runtime.SweepSpec.Provider) loader
        .loadClass("dev.hyper.example.RnnParamsLauncher").getConstructor().newInstance()).spec();
    assertThat(rnn.metric()).isEmpty();
    assertThat(rnn.goal()).isEmpty();
  }

  /** Defines the classes of a compilation; everything else comes from the parent (the runtime). */
  private static final class GeneratedClassLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    GeneratedClassLoader(Compilation c, ClassLoader parent) {
      super(parent);
      for (JavaFileObject f : c.generatedFiles()) {
        String path = f.toUri().getPath();
        int at = path.indexOf("/CLASS_OUTPUT/");
        if (f.getKind() == JavaFileObject.Kind.CLASS && at >= 0) {
          String name = path.substring(at + "/CLASS_OUTPUT/".length(), path.length() - ".class".length());
          classes.put(name.replace('/', '.'), f);
        }
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null && classes.containsKey(name)) {
          loaded = findClass(name);
        }
        return loaded != null ? loaded : super.loadClass(name, resolve);
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject f = classes.get(name);
      if (f == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = f.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
