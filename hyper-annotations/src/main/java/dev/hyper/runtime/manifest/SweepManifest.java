package dev.hyper.runtime.manifest;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.text.Printable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of a sweep's manifest, {@code SWEEP-manifest.tsv} at the output root ({@link Layout#manifest}): the
 * one record of which experiments a sweep directory holds, which every command reads. It is a few {@code #}
 * lines, a column header, then one tab-separated row per experiment in jobs order:
 * <pre>
 * # Hyper sweep manifest v2: ...
 * # sweep: rnn
 * # schema: 16 hex digits          what the experiments' content depends on besides the point
 * # record: ...                    the record's components, types and jsonnet names
 * # template: ... sha256:...
 * # experiments: 12                the number of rows
 * # invocation: 1 at TIME: ...     one block per sweep into the directory, oldest first:
 * # points: ...                    how its points were drawn
 * # trials: 2
 * # snapshot: model.jar sha256:... the program its new experiments run
 * # lazy: config/generated/SWEEP/.lazy/N   (a lazy sweep) where its tasks make their experiments from
 * # drawn: ...                     (a lazy sweep's first) its rows drawn from a plan, not listed ({@link DrawnRows})
 * # command: ...                   the command line, escaped (see {@link Printable#escapeReversibly})
 * # override: ...                  one per sweep file or --set, escaped the same way
 * row  id  trial  PARAM...  config
 * </pre>
 * A row's number is its task number: a later sweep into the directory appends the experiments that are new
 * and keeps every row where it was ({@link ManifestFile}). Each parameter is a jsonnet literal (strings
 * JSON-quoted, so no value holds a tab or line break); {@code config} is the TOML's path.
 *
 * <p>The schema hashes the record's components and types, their jsonnet names and the template's
 * SHA-256. A sweep into a directory whose manifest has another schema is a changed sweep, which the
 * materializer refuses rather than mixing the two. Version 1 (which also hashed the trials count, and
 * which each sweep rewrote) is still read.
 */
public final class SweepManifest {
  /** The first line's start, before the version. */
  public static final String TITLE = "# Hyper sweep manifest v";
  /** The version written. */
  public static final int VERSION = 2;
  /** The line prefix that carries the schema hash. */
  public static final String SCHEMA = "# schema: ";
  /** The line prefix of the row count. */
  public static final String EXPERIMENTS = "# experiments: ";
  /** The line prefix that starts an invocation's block. */
  public static final String INVOCATION = "# invocation: ";
  /** The line prefix of each override, whose text follows as {@link Printable#escapeReversibly} writes it. */
  public static final String OVERRIDE = "# override: ";
  /** The line prefix of an invocation's command line, escaped like an override. */
  public static final String COMMAND = "# command: ";
  /**
   * The line prefix of a lazy invocation's directory ({@code Layout.lazyDir}): the rows it added are made by their
   * tasks, from there.
   */
  public static final String LAZY = "# lazy: ";

  private final String sweep;
  private final String record;
  private final String template;
  private final int trials;
  private final List<String> columns;
  /** How the points are drawn (grid, or random search and whether samples were capped). */
  private final String points;

  /**
   * @param templateSha256 the SHA-256 of the template's source, or empty if the sweep has none
   */
  public SweepManifest(SweepSpec<?> spec, Optional<String> templateSha256) {
    this.sweep = spec.name();
    List<String> components = new ArrayList<>();
    List<String> cols = new ArrayList<>(List.of("row", "id", "trial"));
    for (Param<?> p : spec.grid().params()) {
      components.add(p.type().getName() + " " + p.component() + " -> " + p.tla());
      cols.add(p.tla());
    }
    cols.add("config");
    this.columns = List.copyOf(cols);
    this.record = spec.type().getName() + "(" + String.join(", ", components) + ")";
    this.template = spec.template().map(t -> t + " sha256:" + templateSha256.orElse("?")).orElse("(none)");
    this.trials = spec.trials();
    this.points = spec.grid().describe();
  }

  /** The schema hash: 16 hex digits. */
  public String schema() {
    return sha256("hyper-schema-v2\nrecord: " + record + "\ntemplate: " + template + "\n").substring(0, 16);
  }

  /** The schema hash a version 1 manifest of this sweep with {@code trials} trials would have. */
  public String schemaV1(int trials) {
    return sha256("hyper-schema-v1\nrecord: " + record + "\ntemplate: " + template + "\ntrials: " + trials
        + "\n").substring(0, 16);
  }

  /** {@code record ...; template ...}, to show what a schema stands for. */
  public String schemaText() {
    return "record " + record + "; template " + template;
  }

  /** The column header line, ending in a newline. */
  public String columnLine() {
    return String.join("\t", columns) + "\n";
  }

  /**
   * The lines before the rows, each ending in a newline.
   *
   * @param experiments the number of rows
   * @param earlier the blocks of the invocations before this one, as {@link ManifestFile#invocationLines} gives
   *     them
   * @param invocation this invocation's block ({@link #invocation})
   */
  public String header(long experiments, List<String> earlier, String invocation) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(TITLE).append(VERSION).append(": one row per experiment, in jobs order; a row never moves; paths are"
        + " relative to this file.\n");
    sb.append("# sweep: ").append(sweep).append('\n');
    sb.append(SCHEMA).append(schema()).append('\n');
    sb.append("# record: ").append(record).append('\n');
    sb.append("# template: ").append(template).append('\n');
    sb.append(EXPERIMENTS).append(experiments).append('\n');
    earlier.forEach(l -> sb.append(l).append('\n'));
    sb.append(invocation);
    return sb.append(columnLine()).toString();
  }

  /**
   * One invocation's block, each line ending in a newline: when, how many experiments it planned and added
   * (rows {@code firstRow} on), how its points were drawn, the trials, the snapshot, and the command line and
   * overrides of {@code provenance} (line breaks and other control characters escaped, {@link
   * ManifestFile#overrides} reads them back). These are the manifest's own lines, not TOML: the provenance's
   * TOML keys are {@code ProvenanceToml}'s, in each experiment's {@code [provenance]} table.
   *
   * @param number the invocation's number, from 1
   * @param provenance the sweep's provenance, or null when not known
   */
  public String invocation(int number, long planned, long added, long firstRow, ExperimentInfo.Snapshot snapshot,
      Provenance provenance) {
    return invocation(number, planned, added, firstRow, snapshot, provenance, null);
  }

  /**
   * {@link #invocation(int, long, long, long, ExperimentInfo.Snapshot, Provenance)} of a lazy sweep when
   * {@code lazyDir} is not null: its tasks make the rows it adds from that directory.
   */
  public String invocation(int number, long planned, long added, long firstRow, ExperimentInfo.Snapshot snapshot,
      Provenance provenance, java.nio.file.Path lazyDir) {
    return invocation(number, planned, added, firstRow, snapshot, provenance, lazyDir, null);
  }

  /**
   * {@link #invocation(int, long, long, long, ExperimentInfo.Snapshot, Provenance, java.nio.file.Path)} whose rows
   * are drawn from {@code plan} when it is not null ({@link DrawnRows}), not listed.
   */
  public String invocation(int number, long planned, long added, long firstRow, ExperimentInfo.Snapshot snapshot,
      Provenance provenance, java.nio.file.Path lazyDir, DrawnRows.Plan plan) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(INVOCATION).append(number);
    if (provenance != null) {
      sb.append(" at ").append(provenance.created());
    }
    sb.append(": ").append(planned).append(planned == 1 ? " experiment, " : " experiments, ").append(added)
        .append(" new");
    if (added > 0) {
      sb.append(added == 1 ? " (row " + firstRow + ")" : " (rows " + firstRow + "-" + (firstRow + added - 1) + ")");
    }
    sb.append('\n');
    sb.append("# points: ").append(points).append('\n');
    sb.append("# trials: ").append(trials).append('\n');
    sb.append("# snapshot: ").append(snapshot == null ? "(none)" : snapshot.file() + " sha256:" + snapshot.sha256())
        .append('\n');
    if (lazyDir != null) {
      sb.append(LAZY).append(Layout.slashes(lazyDir)).append('\n');
    }
    if (plan != null) {
      sb.append(plan.lines());
    }
    if (provenance != null) {
      sb.append(COMMAND).append(Printable.escapeReversibly(provenance.commandLine())).append('\n');
      provenance.overrides().forEach(o -> sb.append(OVERRIDE).append(Printable.escapeReversibly(o)).append('\n'));
    }
    return sb.toString();
  }

  /** Experiment {@code e}'s row, numbered {@code row}, ending in a newline. */
  public static String row(long row, PlannedExperiment<?> e) {
    List<String> codes = new ArrayList<>(e.tlas().size());
    for (Tla t : e.tlas()) {
      codes.add(t.code());
    }
    return row(new ManifestRow(row, e.info().id(), e.info().trial(), codes, Layout.slashes(e.info().confPath())));
  }

  /** A row as this version writes it, ending in a newline (a version 1 row read back is written anew so). */
  public static String row(ManifestRow r) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(r.row()).append('\t').append(r.id()).append('\t').append(r.trial());
    for (String code : r.codes()) {
      sb.append('\t').append(code);
    }
    return sb.append('\t').append(r.config()).append('\n').toString();
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
