package dev.hyper.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The grid enumerator: one point by index, and its index back, on the 100,000-point grid. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GridBenchmark {
  private final Bench100kGrid grid = new Bench100kGrid();
  private long index;

  @Benchmark
  public Bench100k get() {
    index = (index + 7919) % grid.size();
    return grid.get(index);
  }

  @Benchmark
  public long getThenIndexOf() {
    index = (index + 7919) % grid.size();
    return grid.indexOf(grid.get(index));
  }
}
