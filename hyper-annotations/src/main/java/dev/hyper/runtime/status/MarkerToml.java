package dev.hyper.runtime.status;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.ProvenanceToml;
import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import dev.hyper.runtime.toml.TomlWriter;
import java.util.List;

/**
 * Each marker record as the TOML text of its file and back ({@link Markers} has the files and the keys):
 * a {@code # Hyper: ...} comment, {@code marker = "NAME"}, then the record's keys. Written in the
 * {@link TomlWriter.Style#WRAPPED} style, as markers always were; the environment keys of {@code STARTED}
 * are {@link ProvenanceToml}'s.
 */
final class MarkerToml {
  private MarkerToml() {}

  static String started(Started s) {
    TomlWriter t = header(Markers.STARTED, "training of experiment " + s.id() + " trial " + s.trial()
        + " of sweep " + s.sweep() + " started; DONE or FAILED appears beside this file when it ends");
    t.string("sweep", s.sweep());
    t.string("experiment", s.id());
    t.integer("trial", s.trial());
    t.string("time", s.time());
    t.string("host", s.host());
    t.integer("pid", s.pid());
    if (s.processStart() != null) {
      t.string("process_start", s.processStart());
    }
    if (s.jarSha256() != null) {
      t.string("jar_sha256", s.jarSha256());
    }
    ProvenanceToml.writeEnvironment(t, s.environment());
    if (!s.environment().warnings().isEmpty()) {
      t.strings("warnings", s.environment().warnings());
    }
    return forced(t, s.forced());
  }

  static String done(Done d) {
    TomlWriter t = header(Markers.DONE, "training finished");
    t.string("time", d.time());
    t.string("started", d.started());
    t.decimal("seconds", d.seconds());
    t.integer("exit_code", 0);
    if (d.metricsSha256() != null) {
      t.string("metrics_sha256", d.metricsSha256());
    }
    return forced(t, d.forced());
  }

  /** The {@code FAILED} text, with the last {@link Markers#ERROR_LINES} lines of the error. */
  static String failed(Failed f) {
    TomlWriter t = header(Markers.FAILED, "training failed");
    t.string("time", f.time());
    t.string("started", f.started());
    t.decimal("seconds", f.seconds());
    t.integer("exit_code", f.exitCode());
    List<String> lines = f.error();
    t.strings("error", lines.subList(Math.max(0, lines.size() - Markers.ERROR_LINES), lines.size()));
    return forced(t, f.forced());
  }

  static String interrupted(Interrupted i) {
    TomlWriter t = header(Markers.INTERRUPTED, "training was asked to stop (SIG" + i.signal() + ") and saved a"
        + " checkpoint; the next run resumes from it");
    t.string("time", i.time());
    t.string("started", i.started());
    t.decimal("seconds", i.seconds());
    t.string("signal", i.signal());
    t.integer("step", i.step());
    return t.toString();
  }

  static String stopped(Stopped s) {
    TomlWriter t = header(Markers.STOPPED, "STOPPED at rung " + s.rung() + " by successive halving: " + s.metric()
        + " " + s.value() + " did not reach the cut-off " + s.cutoff() + " of the runs recorded there");
    t.string("time", s.time());
    t.string("started", s.started());
    t.decimal("seconds", s.seconds());
    t.integer("rung", s.rung());
    t.integer("resource", s.resource());
    t.string("metric", s.metric());
    t.decimal("value", s.value());
    t.decimal("cutoff", s.cutoff());
    return t.toString();
  }

  private static TomlWriter header(String marker, String comment) {
    return new TomlWriter(TomlWriter.Style.WRAPPED, 1024).comment("Hyper: " + comment + ".").string("marker", marker);
  }

  private static String forced(TomlWriter t, List<String> forced) {
    if (!forced.isEmpty()) {
      t.strings("forced", forced);
    }
    return t.toString();
  }

  static Started readStarted(TomlReader r) throws ConfigException {
    Provenance env = ProvenanceToml.readEnvironment(r, "", r.string("time"), List.of(),
        r.optionalStrings("warnings"));
    return new Started(r.string("sweep"), r.string("experiment"), (int) r.longValue("trial"), r.string("host"),
        r.longValue("pid"), r.optionalString("process_start", null), r.optionalString("jar_sha256", null), env,
        r.optionalStrings("forced"));
  }

  static Done readDone(TomlReader r) throws ConfigException {
    return new Done(r.string("time"), r.string("started"), r.doubleValue("seconds"),
        r.optionalString("metrics_sha256", null), r.optionalStrings("forced"));
  }

  static Failed readFailed(TomlReader r) throws ConfigException {
    return new Failed(r.string("time"), r.string("started"), r.doubleValue("seconds"), (int) r.longValue("exit_code"),
        r.optionalStrings("error"), r.optionalStrings("forced"));
  }

  static Interrupted readInterrupted(TomlReader r) throws ConfigException {
    return new Interrupted(r.string("time"), r.string("started"), r.doubleValue("seconds"), r.string("signal"),
        r.longValue("step"));
  }

  static Stopped readStopped(TomlReader r) throws ConfigException {
    return new Stopped(r.string("time"), r.string("started"), r.doubleValue("seconds"), (int) r.longValue("rung"),
        r.longValue("resource"), r.string("metric"), r.doubleValue("value"), r.doubleValue("cutoff"));
  }
}
