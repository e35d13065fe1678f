package dev.hyper.runtime.cli;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Texts shared by the commands. */
final class Describe {
  private Describe() {}

  /** {@code 72 points x 1 trial = 72 experiments}. */
  static String size(SweepSpec<?> s) {
    long points = s.grid().size();
    String experiments;
    try {
      experiments = Long.toString(Math.multiplyExact(points, (long) s.trials()));
    } catch (ArithmeticException e) {
      experiments = "too many";
    }
    return points + " points x " + s.trials() + (s.trials() == 1 ? " trial" : " trials") + " = " + experiments
        + " experiments";
  }

  /** A parameter's values as jsonnet literals. */
  static String values(Param<?> p) {
    String values = p.distribution().map(Object::toString).orElseGet(() ->
        p.values().stream().map(v -> new Tla(p.tla(), v, p.kind()).code()).collect(Collectors.joining(", ")));
    return p.group().isEmpty() ? values : values + "  [group " + p.group() + "]";
  }

  /** {@code qos=gpu-medium time=1-00:00:00}, or {@code (none)}. */
  static String slurm(SlurmSettings s) {
    List<String> parts = new ArrayList<>();
    add(parts, "qos", s.qos());
    add(parts, "time", s.time());
    add(parts, "partition", s.partition());
    add(parts, "cpus", s.cpus() > 0 ? Integer.toString(s.cpus()) : "");
    add(parts, "mem", s.mem());
    add(parts, "gres", s.gres());
    add(parts, "max_parallel", s.maxParallel() > 0 ? Integer.toString(s.maxParallel()) : "");
    add(parts, "signal", s.signal() != SlurmSettings.DEFAULT_SIGNAL ? Integer.toString(s.signal()) : "");
    add(parts, "max_requeues", s.maxRequeues() != SlurmSettings.DEFAULT_MAX_REQUEUES
        ? Integer.toString(s.maxRequeues()) : "");
    return parts.isEmpty() ? "(none)" : String.join(" ", parts);
  }

  private static void add(List<String> parts, String key, String value) {
    if (!value.isEmpty()) {
      parts.add(key + "=" + value);
    }
  }
}
