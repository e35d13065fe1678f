package dev.hyper.processor.model;

import com.palantir.javapoet.ClassName;
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
    Origin trialsOrigin) {

  public SweepModel {
    params = List.copyOf(params);
  }

  /** Whether the annotated type is a record at all. */
  public boolean isRecord() {
    return declaredAs.equals("record");
  }

  /** The record's name as messages and headers show it: {@code RnnParams}, {@code Outer.Params}. */
  public String simpleName() {
    return String.join(".", record.simpleNames());
  }

  /** {@code @Sweep(config)}, "" for none. */
  public String config() {
    return template.resource();
  }
}
