package dev.hyper.processor.model;

/**
 * {@code @Slurm} as written; "" and 0 mean unset.
 *
 * @param origin the {@code @Slurm} annotation (or the {@code @Sweep} when absent)
 * @param timeOrigin the {@code time} value
 * @param cpusOrigin the {@code cpus} value
 * @param maxParallelOrigin the {@code maxParallel} value
 */
public record SlurmModel(
    String qos,
    String time,
    String partition,
    int cpus,
    String mem,
    String gres,
    int maxParallel,
    Origin origin,
    Origin timeOrigin,
    Origin cpusOrigin,
    Origin maxParallelOrigin) {

  /** Whether any attribute is set. */
  public boolean isSet() {
    return !qos.isEmpty() || !time.isEmpty() || !partition.isEmpty() || cpus != 0 || !mem.isEmpty()
        || !gres.isEmpty() || maxParallel != 0;
  }
}
