package dev.hyper.runtime;

import dev.hyper.runtime.toml.TomlWriter;

/**
 * Writes an {@link ExperimentConfig} as TOML text ({@link ConfigToml} has the layout): the experiment's
 * keys, its params typed by their kind, then the tables of {@link SettingsToml}, {@link SnapshotToml} and
 * {@link ProvenanceToml}. {@link ConfigTomlReader} reads it back.
 */
final class ConfigTomlWriter {
  /**
   * The tables after the params, which every experiment of a sweep shares ({@code [slurm]}, {@code [jvm]},
   * {@code [halving]}, {@code [snapshot]}, {@code [provenance]}): the last ones written, with the objects they
   * were written from, so that a sweep writes them once rather than once per experiment.
   */
  private record Tail(SlurmSettings slurm, HalvingSettings halving, ExperimentInfo.Snapshot snapshot,
      Provenance provenance, String text) {
    boolean of(SlurmSettings s, HalvingSettings h, ExperimentInfo.Snapshot j, Provenance p) {
      return slurm == s && halving == h && snapshot == j && provenance == p;
    }
  }

  private static volatile Tail last;

  private ConfigTomlWriter() {}

  static <P extends Record> String write(ExperimentConfig<P> config, SweepSpec<P> spec) {
    ExperimentInfo e = config.experiment();
    TomlWriter t = new TomlWriter(TomlWriter.Style.ONE_LINE, 768);
    t.comment("Experiment " + e.id() + ", trial " + e.trial() + " of sweep " + e.sweep()
        + ", written by Hyper. Paths are relative to the directory holding config/ and model/.");
    t.string("name", e.sweep());
    t.string("generated_id", e.id());
    t.integer("trial", e.trial());
    t.integer("n_trials", e.nTrials());
    t.integer("seed", e.seed());
    t.string("conf_dir", ConfigToml.slashes(e.confDir()));
    t.string("conf_path", ConfigToml.slashes(e.confPath()));
    t.string("config_json", ConfigToml.slashes(e.configJson()));
    t.string("serialization_dir", ConfigToml.slashes(e.serializationDir()));
    t.table(ConfigToml.PARAMS);
    for (Param<P> p : spec.grid().params()) {
      Object v = p.valueOf(config.params());
      switch (p.kind()) {
        case STRING -> t.string(p.tla(), (String) v);
        case ENUM -> t.string(p.tla(), ((Enum<?>) v).name());
        case DOUBLE -> t.decimal(p.tla(), (Double) v);
        case INT, LONG -> t.integer(p.tla(), ((Number) v).longValue());
        case BOOLEAN -> t.bool(p.tla(), (Boolean) v);
      }
    }
    return t.written(tail(e.slurm(), spec.halving().orElse(null), e.snapshot(), e.provenance())).toString();
  }

  private static String tail(SlurmSettings slurm, HalvingSettings halving, ExperimentInfo.Snapshot snapshot,
      Provenance provenance) {
    Tail known = last;
    if (known != null && known.of(slurm, halving, snapshot, provenance)) {
      return known.text;
    }
    TomlWriter t = new TomlWriter(TomlWriter.Style.ONE_LINE, 512);
    SettingsToml.writeSlurm(t, slurm);
    if (halving != null) {
      SettingsToml.writeHalving(t, halving);
    }
    if (snapshot != null) {
      SnapshotToml.write(t, snapshot);
    }
    if (provenance != null) {
      ProvenanceToml.writeTable(t, provenance);
    }
    String text = t.toString();
    last = new Tail(slurm, halving, snapshot, provenance, text);
    return text;
  }
}
