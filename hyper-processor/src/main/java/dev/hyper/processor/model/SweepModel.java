package dev.hyper.processor.model;

import com.palantir.javapoet.ClassName;
import dev.hyper.runtime.space.Axes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @Sweep} record, read: plain values plus {@link Origin}s for diagnostics.
 *
 * @param record the record's class
 * @param declaredAs what the annotated type is: "record", "class", "interface", "enum" or "annotation type"
 * @param unsupportedReason why the record cannot be generated against ("" when it can): private, local, generic
 * @param name {@code @Sweep(name)}
 * @param template the template named by {@code @Sweep(config)}
 * @param trials {@code @Sweep(trials)}
 * @param slurm {@code @Sweep(slurm)}
 * @param trainer {@code @Sweep(trainer)}, empty for {@code void.class}
 * @param params the components, in declaration order
 * @param origin the record with its {@code @Sweep}
 * @param nameOrigin the {@code name} value
 * @param configOrigin the {@code config} value (or the {@code @Sweep})
 * @param trialsOrigin the {@code trials} value (or the {@code @Sweep})
 * @param samples {@code @Sweep(samples)}: 0 for the full grid, else random search
 * @param seed {@code @Sweep(seed)}
 * @param seedSet whether {@code seed} is written
 * @param samplesOrigin the {@code samples} value (or the {@code @Sweep})
 * @param seedOrigin the {@code seed} value (or the {@code @Sweep})
 * @param jvmArgs {@code @Sweep(jvmArgs)}
 * @param jvmArgsOrigin the {@code jvmArgs} value (or the {@code @Sweep})
 * @param metric {@code @Sweep(metric)}, "" for none
 * @param goal {@code @Sweep(goal)}: the name of the {@code Goal} constant, {@code UNSET} when not written
 * @param metricOrigin the {@code metric} value (or the {@code @Sweep})
 * @param goalOrigin the {@code goal} value (or the {@code @Sweep})
 * @param halving {@code @Sweep(halving)}, empty when not written
 * @param lazy {@code @Sweep(lazy)}
 */
public record SweepModel(
    ClassName record,
    String declaredAs,
    String unsupportedReason,
    String name,
    Template template,
    int trials,
    SlurmModel slurm,
    Optional<TrainerModel> trainer,
    List<ParamModel> params,
    Origin origin,
    Origin nameOrigin,
    Origin configOrigin,
    Origin trialsOrigin,
    int samples,
    long seed,
    boolean seedSet,
    Origin samplesOrigin,
    Origin seedOrigin,
    List<String> jvmArgs,
    Origin jvmArgsOrigin,
    String metric,
    String goal,
    Origin metricOrigin,
    Origin goalOrigin,
    Optional<HalvingModel> halving,
    boolean lazy) {

  /** {@code @Sweep(goal)} when not written. */
  public static final String GOAL_UNSET = "UNSET";

  public SweepModel {
    params = List.copyOf(params);
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** Whether the annotated type is a record at all. */
  public boolean isRecord() {
    return declaredAs.equals("record");
  }

  /** The record's name as messages and headers show it: {@code RnnParams}, {@code Outer.Params}. */
  public String simpleName() {
    return String.join(".", record.simpleNames());
  }

  /** Whether this is a random search rather than a grid. */
  public boolean isRandom() {
    return samples > 0;
  }

  /**
   * The sweep's axes as the runtime's {@link Axes} rule makes them from the components (a group is one
   * axis, sampled components are on none). Meaningful only for a valid model: it counts each component's
   * {@link ParamModel#sweptValues()}.
   */
  public Axes space() {
    List<Axes.Member> members = new ArrayList<>();
    for (ParamModel p : params) {
      members.add(new Axes.Member(p.component(), p.group(), p.isSampled(), p.isSampled() ? 0 : p.sweptValues().size()));
    }
    return Axes.of(members);
  }

  /** The axes of {@link #space()}, each its components: one alone, or a group's. Meaningful only for a valid model. */
  public List<List<ParamModel>> axes() {
    Axes space = space();
    List<List<ParamModel>> out = new ArrayList<>();
    for (int a = 0; a < space.count(); a++) {
      out.add(Arrays.stream(space.members(a)).mapToObj(params::get).toList());
    }
    return out;
  }

  /** The number of points, as {@link Axes#points} counts them for the grid or the samples. Meaningful only for a valid model. */
  public BigInteger points() {
    return space().points(samples);
  }

  /** Whether {@code @Sweep} declares a metric with its goal (as the generated launcher then does). */
  public boolean declaresMetric() {
    return !metric.isEmpty() && !goal.equals(GOAL_UNSET);
  }

  /** {@code @Sweep(config)}, "" for none. */
  public String config() {
    return template.resource();
  }
}
