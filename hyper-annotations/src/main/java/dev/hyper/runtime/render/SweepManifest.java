package dev.hyper.runtime.render;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.text.Printable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * The text of a sweep's manifest, {@code SWEEP-manifest.tsv} at the output root: a few {@code #} lines
 * (sweep, schema hash, record, template, trials, snapshot, count), a column header, then one
 * tab-separated row per experiment in jobs order: index, id, trial, one column per parameter (as a
 * jsonnet literal: strings JSON-quoted, so no value holds a tab or line break) and the TOML's path.
 *
 * <p>The schema names what the experiments' content depends on besides the point: the record's
 * components and types, their jsonnet names, the template's SHA-256 and the trials. A sweep written
 * into a directory whose manifest has another schema is a changed sweep, which the materializer refuses
 * rather than mixing the two.
 */
public final class SweepManifest {
  /** The line prefix that carries the schema hash. */
  public static final String SCHEMA = "# schema: ";
  /** The line prefix of each override, whose text follows as {@link Printable#escapeReversibly} writes it. */
  public static final String OVERRIDE = "# override: ";

  private final String sweep;
  private final String record;
  private final String template;
  private final int trials;
  private final String schema;
  private final List<String> columns;
  /** How the points are drawn (grid, or random search and whether samples were capped). */
  private final String points;

  /**
   * @param templateSha256 the SHA-256 of the template's source, or empty if the sweep has none
   */
  public SweepManifest(SweepSpec<?> spec, Optional<String> templateSha256) {
    this.sweep = spec.name();
    List<String> components = new ArrayList<>();
    List<String> cols = new ArrayList<>(List.of("index", "id", "trial"));
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
    this.schema = sha256("hyper-schema-v1\nrecord: " + record + "\ntemplate: " + template + "\ntrials: " + trials
        + "\n").substring(0, 16);
  }

  /** The schema hash: 16 hex digits. */
  public String schema() {
    return schema;
  }

  /** {@code record ...; template ...; trials N}, to show what a schema stands for. */
  public String schemaText() {
    return "record " + record + "; template " + template + "; trials " + trials;
  }

  /** The lines before the rows, each ending in a newline. */
  public String header(long experiments, ExperimentInfo.Snapshot snapshot) {
    return header(experiments, snapshot, List.of());
  }

  /**
   * The lines before the rows, each ending in a newline, with one {@code # override:} line per sweep
   * file or {@code --set} that changed the axes (in the order applied; line breaks and other control
   * characters escaped, {@link #overridesOf} reads them back).
   */
  public String header(long experiments, ExperimentInfo.Snapshot snapshot, List<String> overrides) {
    return "# Hyper sweep manifest v1: one row per experiment, in jobs order; paths are relative to this file.\n"
        + "# sweep: " + sweep + "\n"
        + SCHEMA + schema + "\n"
        + "# record: " + record + "\n"
        + "# template: " + template + "\n"
        + "# trials: " + trials + "\n"
        + "# points: " + points + "\n"
        + "# snapshot: " + (snapshot == null ? "(none)" : snapshot.file() + " sha256:" + snapshot.sha256()) + "\n"
        + "# experiments: " + experiments + "\n"
        + overrides.stream().map(o -> OVERRIDE + Printable.escapeReversibly(o) + "\n").collect(Collectors.joining())
        + String.join("\t", columns) + "\n";
  }

  /** One experiment's row, ending in a newline. */
  public static String row(PlannedExperiment<?> e) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(e.index()).append('\t').append(e.info().id()).append('\t').append(e.info().trial());
    for (Tla t : e.tlas()) {
      sb.append('\t').append(t.code());
    }
    String path = e.info().confPath().toString();
    return sb.append('\t').append(path.replace(java.io.File.separatorChar, '/')).append('\n').toString();
  }

  /** The schema hash in a manifest's text (its first lines), or null if it has none. */
  public static String schemaOf(List<String> headerLines) {
    for (String line : headerLines) {
      if (line.startsWith(SCHEMA)) {
        return line.substring(SCHEMA.length()).strip();
      }
    }
    return null;
  }

  /**
   * The overrides in a manifest's header lines, as they were given to {@link #header}.
   *
   * @throws IllegalArgumentException if an override line holds a backslash that starts no escape
   */
  public static List<String> overridesOf(List<String> headerLines) {
    return headerLines.stream().filter(l -> l.startsWith(OVERRIDE))
        .map(l -> Printable.unescape(l.substring(OVERRIDE.length()))).toList();
  }

  /** The {@code record}, {@code template} and {@code trials} lines of a manifest's header, joined. */
  public static String schemaTextOf(List<String> headerLines) {
    List<String> parts = new ArrayList<>();
    for (String line : headerLines) {
      for (String key : List.of("record", "template", "trials")) {
        if (line.startsWith("# " + key + ": ")) {
          parts.add(key + " " + line.substring(key.length() + 4));
        }
      }
    }
    return String.join("; ", parts);
  }

  static String sha256(String text) {
    return dev.hyper.runtime.store.Sha256.of(text.getBytes(StandardCharsets.UTF_8));
  }

}
