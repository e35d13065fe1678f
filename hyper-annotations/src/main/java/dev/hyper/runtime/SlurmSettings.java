package dev.hyper.runtime;

/**
 * SLURM settings of a sweep, from {@code @Slurm}. Empty strings and zeros mean unset: the option is
 * left out of the job. {@code signal} (seconds before the time limit that the array script is warned,
 * 0 for no warning) and {@code maxRequeues} (how often a task that stopped for its time limit requeues
 * itself) have defaults, {@link #DEFAULT_SIGNAL} and {@link #DEFAULT_MAX_REQUEUES}.
 */
public record SlurmSettings(
    String qos, String time, String partition, int cpus, String mem, String gres, int maxParallel,
    int signal, int maxRequeues) {

  /** Seconds before the time limit that SLURM sends USR1 to the array script, unless set otherwise. */
  public static final int DEFAULT_SIGNAL = 120;

  /** How often a task requeues itself after its time limit's warning, unless set otherwise. */
  public static final int DEFAULT_MAX_REQUEUES = 3;

  /** The largest {@code --signal} time SLURM accepts (seconds). */
  public static final int MAX_SIGNAL = 65535;

  /** SLURM's {@code --time} formats, in words, for messages. */
  public static final String TIME_FORMATS = "M, M:S, H:M:S, D-H, D-H:M or D-H:M:S";

  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("\\d+|\\d+:\\d+|\\d+:\\d+:\\d+|\\d+-\\d+|\\d+-\\d+:\\d+|\\d+-\\d+:\\d+:\\d+");

  /** Whether {@code time} is one of SLURM's {@code --time} formats ({@link #TIME_FORMATS}). */
  public static boolean isValidTime(String time) {
    return TIME.matcher(time).matches();
  }

  /** No settings at all. */
  public static final SlurmSettings NONE =
      new SlurmSettings("", "", "", 0, "", "", 0, DEFAULT_SIGNAL, DEFAULT_MAX_REQUEUES);

  public SlurmSettings {
    qos = qos == null ? "" : qos;
    time = time == null ? "" : time;
    partition = partition == null ? "" : partition;
    mem = mem == null ? "" : mem;
    gres = gres == null ? "" : gres;
  }

  public SlurmSettings withQos(String v) {
    return new SlurmSettings(v, time, partition, cpus, mem, gres, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withTime(String v) {
    return new SlurmSettings(qos, v, partition, cpus, mem, gres, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withPartition(String v) {
    return new SlurmSettings(qos, time, v, cpus, mem, gres, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withCpus(int v) {
    return new SlurmSettings(qos, time, partition, v, mem, gres, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withMem(String v) {
    return new SlurmSettings(qos, time, partition, cpus, v, gres, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withGres(String v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, v, maxParallel, signal, maxRequeues);
  }

  public SlurmSettings withMaxParallel(int v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, gres, v, signal, maxRequeues);
  }

  public SlurmSettings withSignal(int v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, gres, maxParallel, v, maxRequeues);
  }

  public SlurmSettings withMaxRequeues(int v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, gres, maxParallel, signal, v);
  }
}
