package dev.hyper.runtime;

import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import dev.hyper.runtime.toml.TomlWriter;
import java.util.List;

/**
 * The experiment TOML's {@code [snapshot]} table ({@link ExperimentInfo.Snapshot}: the jar, its main class
 * and Java runtime where recorded) and the {@code [jvm]} table that follows it when the training JVM has
 * options, written and read.
 */
final class SnapshotToml {
  private static final List<String> SNAPSHOT_KEYS = List.of("file", "size", "sha256", "main_class",
      "java_version", "java_vendor", "java_home");

  private SnapshotToml() {}

  static void write(TomlWriter t, ExperimentInfo.Snapshot s) {
    t.table(ConfigToml.SNAPSHOT);
    t.string("file", s.file());
    t.integer("size", s.size());
    t.string("sha256", s.sha256());
    if (s.mainClass() != null) {
      t.string("main_class", s.mainClass());
    }
    if (s.java() != null) {
      t.string("java_version", s.java().version());
      t.string("java_vendor", s.java().vendor());
      t.string("java_home", s.java().home());
    }
    if (!s.jvmArgs().isEmpty()) {
      t.table(ConfigToml.JVM);
      t.strings("args", s.jvmArgs());
    }
  }

  /** The {@code [snapshot]} table (with {@code [jvm]}), or null if there is none. */
  static ExperimentInfo.Snapshot read(TomlReader f) throws ConfigException {
    if (!f.table(ConfigToml.SNAPSHOT, false)) {
      return null;
    }
    f.allowOnly(ConfigToml.SNAPSHOT, SNAPSHOT_KEYS);
    String sha = f.string("snapshot.sha256");
    if (!Sha256.isHex(sha)) {
      throw f.error("snapshot.sha256", "expected 64 lower-case hex digits");
    }
    String main = f.optionalString("snapshot.main_class", "");
    String home = f.optionalString("snapshot.java_home", "");
    JavaRuntime java = home.isEmpty() ? null : new JavaRuntime(f.optionalString("snapshot.java_version", ""),
        f.optionalString("snapshot.java_vendor", ""), home);
    List<String> jvmArgs = List.of();
    if (f.table(ConfigToml.JVM, false)) {
      f.allowOnly(ConfigToml.JVM, List.of("args"));
      jvmArgs = f.optionalStrings(ConfigToml.JVM + ".args");
    }
    return new ExperimentInfo.Snapshot(f.string("snapshot.file"), f.longValue("snapshot.size"), sha,
        main.isEmpty() ? null : main, java, jvmArgs);
  }
}
