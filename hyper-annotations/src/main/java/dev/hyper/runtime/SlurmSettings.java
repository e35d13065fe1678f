package dev.hyper.runtime;

/**
 * SLURM settings of a sweep, from {@code @Slurm}. Empty strings and zeros mean unset: the option is
 * left out of the job.
 */
public record SlurmSettings(
    String qos, String time, String partition, int cpus, String mem, String gres, int maxParallel) {

  /** SLURM's {@code --time} formats, in words, for messages. */
  public static final String TIME_FORMATS = "M, M:S, H:M:S, D-H, D-H:M or D-H:M:S";

  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("\\d+|\\d+:\\d+|\\d+:\\d+:\\d+|\\d+-\\d+|\\d+-\\d+:\\d+|\\d+-\\d+:\\d+:\\d+");

  /** Whether {@code time} is one of SLURM's {@code --time} formats ({@link #TIME_FORMATS}). */
  public static boolean isValidTime(String time) {
    return TIME.matcher(time).matches();
  }

  /** No settings at all. */
  public static final SlurmSettings NONE = new SlurmSettings("", "", "", 0, "", "", 0);

  public SlurmSettings {
    qos = qos == null ? "" : qos;
    time = time == null ? "" : time;
    partition = partition == null ? "" : partition;
    mem = mem == null ? "" : mem;
    gres = gres == null ? "" : gres;
  }

  public SlurmSettings withQos(String v) {
    return new SlurmSettings(v, time, partition, cpus, mem, gres, maxParallel);
  }

  public SlurmSettings withTime(String v) {
    return new SlurmSettings(qos, v, partition, cpus, mem, gres, maxParallel);
  }

  public SlurmSettings withPartition(String v) {
    return new SlurmSettings(qos, time, v, cpus, mem, gres, maxParallel);
  }

  public SlurmSettings withCpus(int v) {
    return new SlurmSettings(qos, time, partition, v, mem, gres, maxParallel);
  }

  public SlurmSettings withMem(String v) {
    return new SlurmSettings(qos, time, partition, cpus, v, gres, maxParallel);
  }

  public SlurmSettings withGres(String v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, v, maxParallel);
  }

  public SlurmSettings withMaxParallel(int v) {
    return new SlurmSettings(qos, time, partition, cpus, mem, gres, v);
  }
}
