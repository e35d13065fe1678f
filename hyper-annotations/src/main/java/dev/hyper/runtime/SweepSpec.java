package dev.hyper.runtime;

import dev.hyper.Goal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything Hyper knows about one {@code @Sweep} record: its name, grid, template, trials, SLURM
 * settings and trainer. The generated {@code PLauncher} builds one and registers it in the jar's
 * sweep index ({@code META-INF/services/dev.hyper.runtime.SweepSpec$Provider}).
 *
 * @param <P> the params record
 */
public final class SweepSpec<P extends Record> {
  /** Implemented by each generated launcher, so that the runtime finds every sweep of a jar. */
  public interface Provider {
    SweepSpec<?> spec();
  }

  private final String name;
  private final Class<P> type;
  private final Grid<P> grid;
  private final String template;
  private final int trials;
  private final SlurmSettings slurm;
  private final Supplier<? extends Trainer<P>> trainer;
  private final java.util.List<String> jvmArgs;
  private final String metric;
  private final Goal goal;
  private final HalvingSettings halving;
  private final boolean lazy;

  private SweepSpec(Builder<P> b) {
    this.name = b.name;
    this.type = b.type;
    this.grid = b.grid;
    this.template = b.template;
    this.trials = b.trials;
    this.slurm = b.slurm;
    this.trainer = b.trainer;
    this.jvmArgs = b.jvmArgs;
    this.metric = b.metric;
    this.goal = b.goal;
    this.halving = b.halving;
    this.lazy = b.lazy;
  }

  public static <P extends Record> Builder<P> builder(String name, Class<P> type, Grid<P> grid) {
    return new Builder<>(name, type, grid);
  }

  /** The sweep's name, e.g. {@code rnn}. */
  public String name() {
    return name;
  }

  /** The params record. */
  public Class<P> type() {
    return type;
  }

  public Grid<P> grid() {
    return grid;
  }

  /** The jsonnet template's classpath resource name, if the sweep has one. */
  public Optional<String> template() {
    return Optional.ofNullable(template);
  }

  /** Trials per grid point, at least 1. */
  public int trials() {
    return trials;
  }

  public SlurmSettings slurm() {
    return slurm;
  }

  /** Options for each experiment's training JVM ({@code @Sweep(jvmArgs)}, then sweep files', then {@code --jvm-arg}). */
  public java.util.List<String> jvmArgs() {
    return jvmArgs;
  }

  /** The metric {@code results} ranks by, as {@code @Sweep(metric)} declares it, if it does. */
  public Optional<String> metric() {
    return Optional.ofNullable(metric);
  }

  /** Which way {@link #metric()} is better ({@link Goal#MIN} or {@link Goal#MAX}), if declared. */
  public Optional<Goal> goal() {
    return Optional.ofNullable(goal);
  }

  /** Successive halving of the sweep's runs ({@code @Sweep(halving)}, then sweep files and {@code --set}), if any. */
  public Optional<HalvingSettings> halving() {
    return Optional.ofNullable(halving);
  }

  /**
   * Whether {@code sweep} lists the experiments and leaves each to its task to make ({@code @Sweep(lazy)});
   * {@code sweep --lazy} and {@code --eager} choose per run.
   */
  public boolean lazy() {
    return lazy;
  }

  /** This sweep with other halving settings (checked as {@link Builder#halving} does). */
  public SweepSpec<P> withHalving(HalvingSettings newHalving) {
    Builder<P> b = builder(name, type, grid).trials(trials).slurm(slurm).trainer(trainer);
    b.metric = metric;
    b.goal = goal;
    b.lazy = lazy;
    return b.halving(newHalving).template(template).jvmArgs(jvmArgs.toArray(String[]::new)).build();
  }

  /** Whether the sweep names a trainer. */
  public boolean hasTrainer() {
    return trainer != null;
  }

  /** Why the sweep cannot train: it names no trainer (whatever {@link #hasTrainer()} says). */
  public String noTrainer() {
    return "sweep '" + name + "' names no trainer: set @Sweep(trainer = ...)";
  }

  /** A new instance of the sweep's trainer. */
  public Trainer<P> newTrainer() {
    if (trainer == null) {
      throw new IllegalStateException(noTrainer());
    }
    return trainer.get();
  }

  /** This sweep with another grid (same record), trials and SLURM settings. */
  public SweepSpec<P> with(Grid<P> newGrid, int newTrials, SlurmSettings newSlurm) {
    return with(newGrid, newTrials, newSlurm, jvmArgs);
  }

  /** This sweep with another grid (same record), trials, SLURM settings and JVM options. */
  public SweepSpec<P> with(Grid<P> newGrid, int newTrials, SlurmSettings newSlurm, java.util.List<String> newJvmArgs) {
    Builder<P> b = builder(name, type, newGrid).trials(newTrials).slurm(newSlurm).trainer(trainer);
    b.metric = metric;
    b.goal = goal;
    b.halving = halving;
    b.lazy = lazy;
    return b.template(template).jvmArgs(newJvmArgs.toArray(String[]::new)).build();
  }

  @Override
  public String toString() {
    return "sweep " + name + " (" + type.getName() + ")";
  }

  /** Builds a {@link SweepSpec}; used by generated launchers. */
  public static final class Builder<P extends Record> {
    private final String name;
    private final Class<P> type;
    private final Grid<P> grid;
    private String template;
    private int trials = 1;
    private SlurmSettings slurm = SlurmSettings.NONE;
    private Supplier<? extends Trainer<P>> trainer;
    private java.util.List<String> jvmArgs = java.util.List.of();
    private String metric;
    private Goal goal;
    private HalvingSettings halving;
    private boolean lazy;

    private Builder(String name, Class<P> type, Grid<P> grid) {
      this.name = Objects.requireNonNull(name);
      this.type = Objects.requireNonNull(type);
      this.grid = Objects.requireNonNull(grid);
    }

    public Builder<P> template(String resource) {
      this.template = resource;
      return this;
    }

    public Builder<P> trials(int trials) {
      if (trials < 1) {
        throw new IllegalArgumentException("trials must be >= 1, was " + trials);
      }
      this.trials = trials;
      return this;
    }

    public Builder<P> slurm(SlurmSettings slurm) {
      this.slurm = Objects.requireNonNull(slurm);
      return this;
    }

    public Builder<P> trainer(Supplier<? extends Trainer<P>> trainer) {
      this.trainer = trainer;
      return this;
    }

    /** Options for each experiment's training JVM, e.g. {@code -Xmx8g}. */
    public Builder<P> jvmArgs(String... args) {
      this.jvmArgs = java.util.List.of(args);
      return this;
    }

    /** The metric {@code results} ranks by and which way it is better. */
    public Builder<P> metric(String metric, Goal goal) {
      if (metric.isBlank() || goal == Goal.UNSET) {
        throw new IllegalArgumentException("a metric needs a name and a goal of MIN or MAX, was '" + metric + "' "
            + goal);
      }
      this.metric = metric;
      this.goal = Objects.requireNonNull(goal);
      return this;
    }

    /** Whether {@code sweep} leaves each experiment to its task to make ({@link SweepSpec#lazy()}). */
    public Builder<P> lazy(boolean lazy) {
      this.lazy = lazy;
      return this;
    }

    /**
     * Asynchronous successive halving of the sweep's runs.
     *
     * @throws IllegalArgumentException if {@link HalvingSettings#problems()} finds any
     */
    public Builder<P> halving(HalvingSettings halving) {
      if (!halving.problems().isEmpty()) {
        throw new IllegalArgumentException("halving: " + String.join("; ", halving.problems()));
      }
      this.halving = halving;
      return this;
    }

    public SweepSpec<P> build() {
      return new SweepSpec<>(this);
    }
  }
}
