package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import dev.hyper.runtime.toml.TomlWriter;
import java.util.List;
import java.util.Locale;

/**
 * The experiment TOML's {@code [slurm]} table ({@link SlurmSettings}: only what is set, so none for
 * {@link SlurmSettings#NONE}) and {@code [halving]} table ({@link HalvingSettings}, for a sweep with
 * successive halving), written and read.
 */
final class SettingsToml {
  private static final List<String> SLURM_KEYS = List.of("qos", "time", "partition", "cpus", "mem", "gres",
      "max_parallel", "signal", "max_requeues");
  private static final List<String> HALVING_KEYS = List.of("metric", "goal", "resource", "min", "max",
      "reduction");

  private SettingsToml() {}

  static void writeSlurm(TomlWriter t, SlurmSettings s) {
    if (s.equals(SlurmSettings.NONE)) {
      return;
    }
    t.table(ConfigToml.SLURM);
    stringIfSet(t, "qos", s.qos());
    stringIfSet(t, "time", s.time());
    stringIfSet(t, "partition", s.partition());
    if (s.cpus() > 0) {
      t.integer("cpus", s.cpus());
    }
    stringIfSet(t, "mem", s.mem());
    stringIfSet(t, "gres", s.gres());
    if (s.maxParallel() > 0) {
      t.integer("max_parallel", s.maxParallel());
    }
    if (s.signal() != SlurmSettings.DEFAULT_SIGNAL) {
      t.integer("signal", s.signal());
    }
    if (s.maxRequeues() != SlurmSettings.DEFAULT_MAX_REQUEUES) {
      t.integer("max_requeues", s.maxRequeues());
    }
  }

  private static void stringIfSet(TomlWriter t, String key, String value) {
    if (!value.isEmpty()) {
      t.string(key, value);
    }
  }

  static SlurmSettings readSlurm(TomlReader f) throws ConfigException {
    if (!f.table(ConfigToml.SLURM, false)) {
      return SlurmSettings.NONE;
    }
    f.allowOnly(ConfigToml.SLURM, SLURM_KEYS);
    String p = ConfigToml.SLURM + ".";
    return new SlurmSettings(f.optionalString(p + "qos", ""), f.optionalString(p + "time", ""),
        f.optionalString(p + "partition", ""), f.optionalCount(p + "cpus", 0), f.optionalString(p + "mem", ""),
        f.optionalString(p + "gres", ""), f.optionalCount(p + "max_parallel", 0),
        f.optionalCount(p + "signal", SlurmSettings.DEFAULT_SIGNAL),
        f.optionalCount(p + "max_requeues", SlurmSettings.DEFAULT_MAX_REQUEUES));
  }

  static void writeHalving(TomlWriter t, HalvingSettings h) {
    t.table(ConfigToml.HALVING);
    t.string("metric", h.metric());
    t.string("goal", h.goal().name().toLowerCase(Locale.ROOT));
    t.string("resource", h.resource());
    t.integer("min", h.min());
    t.integer("max", h.max());
    t.integer("reduction", h.reduction());
  }

  /** The {@code [halving]} table, or null if there is none. */
  static HalvingSettings readHalving(TomlReader f) throws ConfigException {
    if (!f.table(ConfigToml.HALVING, false)) {
      return null;
    }
    f.allowOnly(ConfigToml.HALVING, HALVING_KEYS);
    String goal = f.string("halving.goal");
    if (!goal.equals("min") && !goal.equals("max")) {
      throw f.error("halving.goal", "expected \"min\" or \"max\"");
    }
    HalvingSettings h = new HalvingSettings(f.string("halving.metric"), dev.hyper.Goal.valueOf(
        goal.toUpperCase(Locale.ROOT)), f.string("halving.resource"), f.longValue("halving.min"),
        f.longValue("halving.max"), f.intIn("halving.reduction", 2, Integer.MAX_VALUE));
    if (!h.problems().isEmpty()) {
      throw f.error("halving.max", String.join("; ", h.problems()));
    }
    return h;
  }
}
