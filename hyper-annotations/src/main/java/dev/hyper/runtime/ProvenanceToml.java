package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import dev.hyper.runtime.toml.TomlWriter;
import java.util.List;

/**
 * {@link Provenance} as TOML keys, the one binding of them: which keys, in which order, which are left out
 * when unknown. The experiment TOML's {@code [provenance]} table holds them all; the {@code STARTED} marker
 * ({@code status.Markers}) holds the environment keys beside its own, with the start time under its own
 * name and the warnings after them.
 */
public final class ProvenanceToml {
  private ProvenanceToml() {}

  /** The {@code [provenance]} table: {@code created}, the environment keys, {@code overrides} if there are any. */
  static void writeTable(TomlWriter t, Provenance p) {
    t.table(ConfigToml.PROVENANCE);
    t.string("created", p.created());
    writeEnvironment(t, p);
    if (!p.overrides().isEmpty()) {
      t.strings("overrides", p.overrides());
    }
  }

  /**
   * The environment keys: {@code command_line}, {@code working_dir}, {@code java_version}, {@code java_vendor},
   * {@code os_name}, {@code os_version}, {@code os_arch}, and {@code git_commit}, {@code git_dirty},
   * {@code build_time} where the jar says.
   */
  public static void writeEnvironment(TomlWriter t, Provenance p) {
    t.string("command_line", p.commandLine());
    t.string("working_dir", p.workingDir());
    t.string("java_version", p.javaVersion());
    t.string("java_vendor", p.javaVendor());
    t.string("os_name", p.osName());
    t.string("os_version", p.osVersion());
    t.string("os_arch", p.osArch());
    if (p.gitCommit() != null) {
      t.string("git_commit", p.gitCommit());
    }
    if (p.gitDirty() != null) {
      t.bool("git_dirty", p.gitDirty());
    }
    if (p.buildTime() != null) {
      t.string("build_time", p.buildTime());
    }
  }

  /** The keys {@link #writeTable} writes, as {@link TomlReader#allowOnly} takes them. */
  static final List<String> TABLE_KEYS = List.of("created", "command_line", "working_dir", "java_version",
      "java_vendor", "os_name", "os_version", "os_arch", "git_commit", "git_dirty", "build_time", "overrides");

  /** The {@code [provenance]} table, or null if there is none. */
  static Provenance readTable(TomlReader f) throws ConfigException {
    if (!f.table(ConfigToml.PROVENANCE, false)) {
      return null;
    }
    f.allowOnly(ConfigToml.PROVENANCE, TABLE_KEYS);
    String p = ConfigToml.PROVENANCE + ".";
    return readEnvironment(f, p, f.string(p + "created"), f.optionalStrings(p + "overrides"), List.of());
  }

  /**
   * The environment keys under {@code prefix} ({@code ""} for the top level), with the rest of the provenance
   * given.
   */
  public static Provenance readEnvironment(TomlReader f, String prefix, String created, List<String> overrides,
      List<String> warnings) throws ConfigException {
    String commit = f.optionalString(prefix + "git_commit", "");
    String buildTime = f.optionalString(prefix + "build_time", "");
    return new Provenance(created, f.string(prefix + "command_line"), f.string(prefix + "working_dir"),
        f.string(prefix + "java_version"), f.string(prefix + "java_vendor"), f.string(prefix + "os_name"),
        f.string(prefix + "os_version"), f.string(prefix + "os_arch"), commit.isEmpty() ? null : commit,
        f.optionalBool(prefix + "git_dirty"), buildTime.isEmpty() ? null : buildTime, overrides, warnings);
  }
}
