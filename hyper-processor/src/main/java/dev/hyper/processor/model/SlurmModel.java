package dev.hyper.processor.model;

import dev.hyper.runtime.SlurmSettings;

/**
 * {@code @Slurm} as written; "" and 0 mean unset ({@code signal} and {@code maxRequeues}: their defaults
 * when not written).
 *
 * @param origin the {@code @Slurm} annotation (or the {@code @Sweep} when absent)
 * @param timeOrigin the {@code time} value
 * @param cpusOrigin the {@code cpus} value
 * @param maxParallelOrigin the {@code maxParallel} value
 * @param signalOrigin the {@code signal} value
 * @param maxRequeuesOrigin the {@code maxRequeues} value
 */
public record SlurmModel(
    String qos,
    String time,
    String partition,
    int cpus,
    String mem,
    String gres,
    int maxParallel,
    int signal,
    int maxRequeues,
    Origin origin,
    Origin timeOrigin,
    Origin cpusOrigin,
    Origin maxParallelOrigin,
    Origin signalOrigin,
    Origin maxRequeuesOrigin) {

  /** Whether any attribute is set. */
  public boolean isSet() {
    return !qos.isEmpty() || !time.isEmpty() || !partition.isEmpty() || cpus != 0 || !mem.isEmpty()
        || !gres.isEmpty() || maxParallel != 0 || signal != SlurmSettings.DEFAULT_SIGNAL
        || maxRequeues != SlurmSettings.DEFAULT_MAX_REQUEUES;
  }
}
