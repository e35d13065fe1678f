package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlText;
import dev.hyper.runtime.toml.Utf8;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Writes and reads {@link ExperimentConfig} TOML files with tomlj. */
final class ConfigToml {
  static final String PARAMS = "params";
  static final String SLURM = "slurm";
  static final String SNAPSHOT = "snapshot";
  static final String PROVENANCE = "provenance";
  static final String JVM = "jvm";
  static final String HALVING = "halving";
  private static final String PROVENANCE_HEADER = "[" + PROVENANCE + "]";

  private ConfigToml() {}

  /**
   * The config as TOML text. Written by hand rather than with tomlj's {@code MutableTomlTable}: a sweep
   * writes one per experiment, and this is about 20 times faster; {@link #read} (tomlj) reads it back.
   */
  static <P extends Record> String write(ExperimentConfig<P> config, SweepSpec<P> spec) {
    ExperimentInfo e = config.experiment();
    StringBuilder t = new StringBuilder(768);
    t.append("# Experiment ").append(e.id()).append(", trial ").append(e.trial()).append(" of sweep ")
        .append(e.sweep()).append(", written by Hyper. Paths are relative to the directory holding config/ and model/.\n");
    line(t, "name", e.sweep());
    line(t, "generated_id", e.id());
    t.append("trial = ").append(e.trial()).append('\n');
    t.append("n_trials = ").append(e.nTrials()).append('\n');
    t.append("seed = ").append(e.seed()).append('\n');
    line(t, "conf_dir", slashes(e.confDir()));
    line(t, "conf_path", slashes(e.confPath()));
    line(t, "config_json", slashes(e.configJson()));
    line(t, "serialization_dir", slashes(e.serializationDir()));
    t.append("\n[").append(PARAMS).append("]\n");
    for (Param<P> p : spec.grid().params()) {
      key(t, p.tla()).append(" = ");
      Object v = p.valueOf(config.params());
      switch (p.kind()) {
        case STRING -> string(t, (String) v);
        case ENUM -> string(t, ((Enum<?>) v).name());
        case DOUBLE -> t.append(tomlDouble((Double) v));
        default -> t.append(v);
      }
      t.append('\n');
    }
    writeSlurm(t, e.slurm());
    spec.halving().ifPresent(h -> writeHalving(t, h));
    if (e.snapshot() != null) {
      t.append("\n[").append(SNAPSHOT).append("]\n");
      line(t, "file", e.snapshot().file());
      t.append("size = ").append(e.snapshot().size()).append('\n');
      line(t, "sha256", e.snapshot().sha256());
      if (e.snapshot().mainClass() != null) {
        line(t, "main_class", e.snapshot().mainClass());
      }
      if (e.snapshot().java() != null) {
        line(t, "java_version", e.snapshot().java().version());
        line(t, "java_vendor", e.snapshot().java().vendor());
        line(t, "java_home", e.snapshot().java().home());
      }
      if (!e.snapshot().jvmArgs().isEmpty()) {
        t.append("\n[").append(JVM).append("]\nargs = [");
        for (int i = 0; i < e.snapshot().jvmArgs().size(); i++) {
          string(t.append(i == 0 ? "" : ", "), e.snapshot().jvmArgs().get(i));
        }
        t.append("]\n");
      }
    }
    if (e.provenance() != null) {                              // last, see withoutProvenance
      writeProvenance(t, e.provenance());
    }
    return t.toString();
  }

  /** A relative path with {@code /} between names on every OS, as {@code plan.Layout.slashes} spells it. */
  private static String slashes(Path p) {
    String s = p.toString();
    return java.io.File.separatorChar == '/' ? s : s.replace(java.io.File.separatorChar, '/');
  }

  private static void line(StringBuilder t, String key, String value) {
    key(t, key).append(" = ");
    string(t, value).append('\n');
  }

  private static StringBuilder key(StringBuilder t, String key) {
    boolean bare = !key.isEmpty();
    for (int i = 0; i < key.length() && bare; i++) {
      char c = key.charAt(i);
      bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    return bare ? t.append(key) : string(t, key);
  }

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  private static StringBuilder string(StringBuilder t, String s) {
    if (plain(s)) {
      return t.append('"').append(s).append('"');
    }
    t.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> t.append("\\\"");
        case '\\' -> t.append("\\\\");
        case '\n' -> t.append("\\n");
        case '\r' -> t.append("\\r");
        case '\t' -> t.append("\\t");
        case '\b' -> t.append("\\b");
        case '\f' -> t.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            t.append(String.format("\\u%04X", (int) c));
          } else {
            t.append(c);
          }
        }
      }
    }
    return t.append('"');
  }

  /** Whether {@code s} goes into a basic string as it is: no quote, backslash or control character. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String tomlDouble(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d);
  }

  /** The last provenance table written on this thread: a sweep writes the same one into every experiment. */
  private static final ThreadLocal<Object[]> LAST_PROVENANCE = new ThreadLocal<>();

  private static void writeProvenance(StringBuilder t, Provenance p) {
    Object[] last = LAST_PROVENANCE.get();
    if (last == null || last[0] != p) {
      StringBuilder table = new StringBuilder(512);
      provenanceTable(table, p);
      last = new Object[] {p, table.toString()};
      LAST_PROVENANCE.set(last);
    }
    t.append((String) last[1]);
  }

  private static void provenanceTable(StringBuilder t, Provenance p) {
    t.append('\n').append(PROVENANCE_HEADER).append('\n');
    line(t, "created", p.created());
    line(t, "command_line", p.commandLine());
    line(t, "working_dir", p.workingDir());
    line(t, "java_version", p.javaVersion());
    line(t, "java_vendor", p.javaVendor());
    line(t, "os_name", p.osName());
    line(t, "os_version", p.osVersion());
    line(t, "os_arch", p.osArch());
    if (p.gitCommit() != null) {
      line(t, "git_commit", p.gitCommit());
    }
    if (p.gitDirty() != null) {
      t.append("git_dirty = ").append(p.gitDirty()).append('\n');
    }
    if (p.buildTime() != null) {
      line(t, "build_time", p.buildTime());
    }
    if (!p.overrides().isEmpty()) {
      t.append("overrides = [");
      for (int i = 0; i < p.overrides().size(); i++) {
        string(t.append(i == 0 ? "" : ", "), p.overrides().get(i));
      }
      t.append("]\n");
    }
  }

  /** The {@code [snapshot]} and {@code [jvm]} tables of TOML text as {@link #write} makes it ("" if none). */
  static String launchPart(String toml) {
    int from = toml.indexOf("\n[" + SNAPSHOT + "]\n");
    if (from < 0) {
      return "";
    }
    int to = toml.indexOf("\n" + PROVENANCE_HEADER + "\n", from);
    return toml.substring(from, to < 0 ? toml.length() : to);
  }

  /**
   * TOML text as {@link #write} makes it, without its {@code [provenance]} table (which it writes last):
   * two experiments that differ only in when and how they were written are the same experiment.
   */
  static String withoutProvenance(String toml) {
    String text = "\n" + toml;
    int start = text.indexOf("\n" + PROVENANCE_HEADER + "\n");
    if (start >= 0) {
      int end = text.indexOf("\n[", start + PROVENANCE_HEADER.length() + 1);
      text = text.substring(0, start) + (end < 0 ? "" : text.substring(end));
    }
    return text.substring(1).stripTrailing();
  }


  static String sweepName(Path file) throws IOException {
    TomlParseResult toml = TomlText.parse(file, Utf8.read(file));
    if (toml.hasErrors()) {
      throw parseErrors(file, toml.errors());
    }
    return new Fields(file, toml).string("name");
  }

  static <P extends Record> ExperimentConfig<P> read(Path file, SweepSpec<P> spec) throws IOException {
    return read(file, spec, null);
  }

  /** {@link #read(Path, SweepSpec)}, with the output directory {@code root} given rather than found from the file's place (null: found). */
  static <P extends Record> ExperimentConfig<P> read(Path file, SweepSpec<P> spec, Path root) throws IOException {
    TomlParseResult toml = TomlText.parse(file, Utf8.read(file));
    if (toml.hasErrors()) {
      throw parseErrors(file, toml.errors());
    }
    Fields f = new Fields(file, toml);
    f.allowOnly(null, Set.of("name", "generated_id", "trial", "n_trials", "seed", "conf_dir", "conf_path",
        "config_json", "serialization_dir", PARAMS, SLURM, HALVING, SNAPSHOT, JVM, PROVENANCE));
    readHalving(f);
    String sweep = f.string("name");
    if (!sweep.equals(spec.name())) {
      throw f.error("name", "this experiment belongs to sweep '" + sweep + "', not '" + spec.name() + "'");
    }
    String id = f.string("generated_id");
    int nTrials = f.intIn("n_trials", 1, Integer.MAX_VALUE);
    int trial = f.intIn("trial", 0, nTrials - 1);
    Path confPath = f.relativePath("conf_path");
    ExperimentInfo info = new ExperimentInfo(sweep, id, trial, nTrials, f.longValue("seed"),
        f.relativePath("conf_dir"), confPath, f.relativePath("config_json"), f.relativePath("serialization_dir"),
        root != null ? root : rootOf(file, confPath, f), readSlurm(f), readSnapshot(f), readProvenance(f));
    return new ExperimentConfig<>(info, readParams(f, spec));
  }

  private static <P extends Record> P readParams(Fields f, SweepSpec<P> spec) throws ConfigException {
    List<Param<P>> params = spec.grid().params();
    Set<String> names = new LinkedHashSet<>();
    params.forEach(p -> names.add(p.tla()));
    f.table(PARAMS, true);
    f.allowOnly(PARAMS, names);
    List<Object> values = new ArrayList<>();
    for (Param<P> p : params) {
      String key = PARAMS + "." + p.tla();
      values.add(switch (p.kind()) {
        case DOUBLE -> f.doubleValue(key);
        case INT -> f.intIn(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case LONG -> f.longValue(key);
        case STRING -> f.string(key);
        case BOOLEAN -> f.bool(key);
        case ENUM -> f.enumConstant(key, p.type());
      });
    }
    return spec.grid().create(new Values(values));
  }

  private static Path rootOf(Path file, Path confPath, Fields f) throws ConfigException {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.endsWith(confPath)) {
      throw f.error("conf_path", "'" + slashes(confPath) + "' is not where this file is (" + abs
          + "); move the whole output directory, not single experiments");
    }
    Path root = abs;
    for (int i = 0; i < confPath.getNameCount(); i++) {
      root = root.getParent();
    }
    return root;
  }

  private static void writeSlurm(StringBuilder t, SlurmSettings s) {
    if (s.equals(SlurmSettings.NONE)) {
      return;
    }
    t.append("\n[").append(SLURM).append("]\n");
    setIfPresent(t, "qos", s.qos());
    setIfPresent(t, "time", s.time());
    setIfPresent(t, "partition", s.partition());
    if (s.cpus() > 0) {
      t.append("cpus = ").append(s.cpus()).append('\n');
    }
    setIfPresent(t, "mem", s.mem());
    setIfPresent(t, "gres", s.gres());
    if (s.maxParallel() > 0) {
      t.append("max_parallel = ").append(s.maxParallel()).append('\n');
    }
    if (s.signal() != SlurmSettings.DEFAULT_SIGNAL) {
      t.append("signal = ").append(s.signal()).append('\n');
    }
    if (s.maxRequeues() != SlurmSettings.DEFAULT_MAX_REQUEUES) {
      t.append("max_requeues = ").append(s.maxRequeues()).append('\n');
    }
  }

  private static void setIfPresent(StringBuilder t, String key, String value) {
    if (!value.isEmpty()) {
      line(t, key, value);
    }
  }

  private static void writeHalving(StringBuilder t, HalvingSettings h) {
    t.append("\n[").append(HALVING).append("]\n");
    line(t, "metric", h.metric());
    line(t, "goal", h.goal().name().toLowerCase(java.util.Locale.ROOT));
    line(t, "resource", h.resource());
    t.append("min = ").append(h.min()).append('\n');
    t.append("max = ").append(h.max()).append('\n');
    t.append("reduction = ").append(h.reduction()).append('\n');
  }

  /** The {@code [halving]} table of an experiment's TOML file, if it has one. */
  static java.util.Optional<HalvingSettings> readHalving(Path file) throws IOException {
    TomlParseResult toml = TomlText.parse(file, Utf8.read(file));
    if (toml.hasErrors()) {
      throw parseErrors(file, toml.errors());
    }
    return java.util.Optional.ofNullable(readHalving(new Fields(file, toml)));
  }

  private static HalvingSettings readHalving(Fields f) throws ConfigException {
    if (f.table(HALVING, false) == null) {
      return null;
    }
    f.allowOnly(HALVING, new LinkedHashSet<>(List.of("metric", "goal", "resource", "min", "max", "reduction")));
    String goal = f.string("halving.goal");
    if (!goal.equals("min") && !goal.equals("max")) {
      throw f.error("halving.goal", "expected \"min\" or \"max\"");
    }
    HalvingSettings h = new HalvingSettings(f.string("halving.metric"), dev.hyper.Goal.valueOf(
        goal.toUpperCase(java.util.Locale.ROOT)), f.string("halving.resource"), f.longValue("halving.min"),
        f.longValue("halving.max"), f.intIn("halving.reduction", 2, Integer.MAX_VALUE));
    if (!h.problems().isEmpty()) {
      throw f.error("halving.max", String.join("; ", h.problems()));
    }
    return h;
  }

  private static SlurmSettings readSlurm(Fields f) throws ConfigException {
    if (f.table(SLURM, false) == null) {
      return SlurmSettings.NONE;
    }
    f.allowOnly(SLURM, Set.of("qos", "time", "partition", "cpus", "mem", "gres", "max_parallel", "signal",
        "max_requeues"));
    return new SlurmSettings(f.optionalString("slurm.qos"), f.optionalString("slurm.time"),
        f.optionalString("slurm.partition"), f.optionalInt("slurm.cpus"), f.optionalString("slurm.mem"),
        f.optionalString("slurm.gres"), f.optionalInt("slurm.max_parallel"),
        f.optionalInt("slurm.signal", SlurmSettings.DEFAULT_SIGNAL),
        f.optionalInt("slurm.max_requeues", SlurmSettings.DEFAULT_MAX_REQUEUES));
  }

  private static ExperimentInfo.Snapshot readSnapshot(Fields f) throws ConfigException {
    if (f.table(SNAPSHOT, false) == null) {
      return null;
    }
    f.allowOnly(SNAPSHOT, Set.of("file", "size", "sha256", "main_class", "java_version", "java_vendor", "java_home"));
    String sha = f.string("snapshot.sha256");
    if (!sha.matches("[0-9a-f]{64}")) {
      throw f.error("snapshot.sha256", "expected 64 lower-case hex digits");
    }
    String main = f.optionalString("snapshot.main_class");
    String home = f.optionalString("snapshot.java_home");
    JavaRuntime java = home.isEmpty() ? null
        : new JavaRuntime(f.optionalString("snapshot.java_version"), f.optionalString("snapshot.java_vendor"), home);
    List<String> jvmArgs = List.of();
    if (f.table(JVM, false) != null) {
      f.allowOnly(JVM, Set.of("args"));
      jvmArgs = f.optionalStrings(JVM + ".args");
    }
    return new ExperimentInfo.Snapshot(f.string("snapshot.file"), f.longValue("snapshot.size"), sha,
        main.isEmpty() ? null : main, java, jvmArgs);
  }

  private static Provenance readProvenance(Fields f) throws ConfigException {
    if (f.table(PROVENANCE, false) == null) {
      return null;
    }
    f.allowOnly(PROVENANCE, new LinkedHashSet<>(List.of("created", "command_line", "working_dir", "java_version",
        "java_vendor", "os_name", "os_version", "os_arch", "git_commit", "git_dirty", "build_time", "overrides")));
    String p = PROVENANCE + ".";
    String commit = f.optionalString(p + "git_commit");
    String buildTime = f.optionalString(p + "build_time");
    return new Provenance(f.string(p + "created"), f.string(p + "command_line"), f.string(p + "working_dir"),
        f.string(p + "java_version"), f.string(p + "java_vendor"), f.string(p + "os_name"),
        f.string(p + "os_version"), f.string(p + "os_arch"), commit.isEmpty() ? null : commit,
        f.optionalBool(p + "git_dirty"), buildTime.isEmpty() ? null : buildTime, f.optionalStrings(p + "overrides"));
  }

  private static ConfigException parseErrors(Path file, List<TomlParseError> errors) {
    TomlParseError first = errors.get(0);
    StringBuilder more = new StringBuilder(first.getMessage());
    if (errors.size() > 1) {
      more.append(" (").append(errors.size() - 1).append(" more:");
      for (TomlParseError e : errors.subList(1, Math.min(errors.size(), 4))) {
        more.append(' ').append(e.position().line()).append(':').append(e.position().column())
            .append(' ').append(e.getMessage()).append(';');
      }
      more.setLength(more.length() - 1);
      more.append(errors.size() > 4 ? " ...)" : ")");
    }
    TomlPosition pos = first.position();
    return new ConfigException(file, pos == null ? null : pos.line(), pos == null ? null : pos.column(), null,
        "not valid TOML: " + more);
  }

  /** Typed access to keys of a parsed file, failing with the file, position and key. */
  private static final class Fields {
    private final Path file;
    private final TomlTable toml;

    Fields(Path file, TomlTable toml) {
      this.file = file;
      this.toml = toml;
    }

    ConfigException error(String key, String problem) {
      TomlPosition pos = toml.inputPositionOf(Toml.parseDottedKey(key));
      return new ConfigException(file, pos == null ? null : pos.line(), pos == null ? null : pos.column(), key,
          problem);
    }

    private Object require(String key, String expected) throws ConfigException {
      Object v = toml.get(Toml.parseDottedKey(key));
      if (v == null) {
        throw new ConfigException(file, null, null, key, "missing; expected " + expected);
      }
      return v;
    }

    private ConfigException wrongType(String key, String expected, Object found) {
      return error(key, "expected " + expected + ", found " + describe(found));
    }

    TomlTable table(String key, boolean required) throws ConfigException {
      Object v = required ? require(key, "a table") : toml.get(List.of(key));
      if (v != null && !(v instanceof TomlTable)) {
        throw wrongType(key, "a table", v);
      }
      return (TomlTable) v;
    }

    void allowOnly(String table, Set<String> known) throws ConfigException {
      TomlTable t = table == null ? toml : (TomlTable) toml.get(List.of(table));
      for (String key : t.keySet()) {
        if (!known.contains(key)) {
          String dotted = table == null ? key : table + "." + Toml.joinKeyPath(List.of(key));
          throw error(dotted, "unknown key; known keys here: " + String.join(", ", known));
        }
      }
    }

    String string(String key) throws ConfigException {
      Object v = require(key, "a string");
      if (!(v instanceof String s)) {
        throw wrongType(key, "a string", v);
      }
      return s;
    }

    String optionalString(String key) throws ConfigException {
      return toml.get(Toml.parseDottedKey(key)) == null ? "" : string(key);
    }

    List<String> optionalStrings(String key) throws ConfigException {
      Object v = toml.get(Toml.parseDottedKey(key));
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof org.tomlj.TomlArray a)) {
        throw wrongType(key, "a list of strings", v);
      }
      List<String> strings = new java.util.ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof String s)) {
          throw wrongType(key, "a list of strings", v);
        }
        strings.add(s);
      }
      return strings;
    }

    long longValue(String key) throws ConfigException {
      Object v = require(key, "an integer");
      if (!(v instanceof Long l)) {
        throw wrongType(key, "an integer", v);
      }
      return l;
    }

    int intIn(String key, int min, int max) throws ConfigException {
      long l = longValue(key);
      if (l < min || l > max) {
        throw error(key, l + " is out of range [" + min + ", " + max + "]");
      }
      return (int) l;
    }

    int optionalInt(String key) throws ConfigException {
      return optionalInt(key, 0);
    }

    int optionalInt(String key, int absent) throws ConfigException {
      return toml.get(Toml.parseDottedKey(key)) == null ? absent : intIn(key, 0, Integer.MAX_VALUE);
    }

    double doubleValue(String key) throws ConfigException {
      Object v = require(key, "a float");
      if (v instanceof Double d) {
        return d;
      }
      if (v instanceof Long l && (long) (double) l == l) {
        return l;
      }
      throw wrongType(key, "a float", v);
    }

    boolean bool(String key) throws ConfigException {
      Object v = require(key, "a boolean");
      if (!(v instanceof Boolean b)) {
        throw wrongType(key, "a boolean", v);
      }
      return b;
    }

    Boolean optionalBool(String key) throws ConfigException {
      return toml.get(Toml.parseDottedKey(key)) == null ? null : bool(key);
    }

    Object enumConstant(String key, Class<?> type) throws ConfigException {
      String name = string(key);
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(name)) {
          return c;
        }
        names.add(((Enum<?>) c).name());
      }
      throw error(key, "'" + name + "' is not a " + type.getSimpleName() + "; expected one of " + names);
    }

    Path relativePath(String key) throws ConfigException {
      String s = string(key);
      Path p = Path.of(s).normalize();
      if (s.isEmpty() || p.isAbsolute() || p.startsWith("..")) {
        throw error(key, "expected a relative path inside the output directory, found '" + s + "'");
      }
      return p;
    }

    private static String describe(Object v) {
      if (v instanceof String) {
        return "a string";
      }
      if (v instanceof Long) {
        return "an integer";
      }
      if (v instanceof Double) {
        return "a float";
      }
      if (v instanceof Boolean) {
        return "a boolean";
      }
      if (v instanceof TomlTable) {
        return "a table";
      }
      if (v instanceof org.tomlj.TomlArray) {
        return "an array";
      }
      return "a " + v.getClass().getSimpleName();
    }
  }
}
