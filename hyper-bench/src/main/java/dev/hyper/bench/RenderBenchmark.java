package dev.hyper.bench;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.render.RenderedExperiment;
import dev.hyper.runtime.render.Templates;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering, warm: the template parsed once ({@link JsonnetTemplate}) and applied per point, as
 * {@code sweep} does. {@code template} is the jsonnet alone; {@code experiment} is all the CPU work of one
 * experiment before the file system: plan (id, seed, paths), jsonnet, TOML.
 * Run: {@code java -cp hyper-bench/target/bench.jar org.openjdk.jmh.Main RenderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
  private SweepSpec<Bench100k> spec;
  private JsonnetTemplate template;
  private ExperimentRenderer<Bench100k> renderer;
  private Iterator<PlannedExperiment<Bench100k>> plan;
  private long index;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() throws HyperException {
    spec = (SweepSpec<Bench100k>) new Bench100kLauncher().spec();
    template = Templates.load(spec).orElseThrow();
    renderer = ExperimentRenderer.of(spec, template);
    restart();
  }

  private void restart() throws HyperException {
    plan = new SweepPlanner().stream(spec, Path.of("/bench").toAbsolutePath(),
        new ExperimentInfo.Snapshot("model.jar", 1, "0".repeat(64)));
  }

  @Benchmark
  public String template() throws JsonnetException {
    index = (index + 7919) % spec.grid().size();
    return template.render(Tla.asMap(Tla.of(spec, spec.grid().get(index))));
  }

  @Benchmark
  public RenderedExperiment experiment() throws HyperException {
    if (!plan.hasNext()) {
      restart();
    }
    return renderer.render(plan.next());
  }
}
