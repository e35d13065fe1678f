package dev.hyper.runtime.manifest;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.text.Printable;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's manifest as read back ({@link SweepManifest} writes it): its header, and its rows one at a time
 * ({@link #forEachRow}), so that reading a million-row manifest holds one row in memory. Versions 1 and 2 are
 * read; a version 1 header (which each sweep rewrote) reads as one invocation.
 */
public final class ManifestFile {
  /** What a row action may throw. */
  @FunctionalInterface
  public interface RowAction {
    void accept(ManifestRow row) throws IOException, HyperException;
  }

  /** A row action that says whether to go on to the next row. */
  @FunctionalInterface
  public interface RowTest {
    boolean goOn(ManifestRow row) throws IOException, HyperException;
  }

  private static final int MAX_HEADER_LINES = 100_000;

  private final Path path;
  private final int version;
  private final List<String> header;
  private final List<String> columns;
  private final long experiments;
  /** The lazy invocations' first rows, rows after the last, and directories, in row order. */
  private final long[] lazyFrom;
  private final long[] lazyTo;
  private final Path[] lazyDirs;
  /** The plan its rows are drawn from ({@link DrawnRows}), or null if it lists them. */
  private final DrawnRows.Plan plan;
  /** The plan's rows as the reader's program draws them, or null if it has none or was read without a program. */
  private DrawnRows drawn;

  private ManifestFile(Path path, int version, List<String> header, List<String> columns, long experiments)
      throws HyperException {
    this.path = path;
    this.version = version;
    this.header = List.copyOf(header);
    this.columns = List.copyOf(columns);
    this.experiments = experiments;
    List<long[]> ranges = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    long[] current = null;
    for (String line : version == 2 ? invocationLines() : List.<String>of()) {
      if (line.startsWith(SweepManifest.INVOCATION)) {
        current = rowsAdded(line);
      } else if (line.startsWith(SweepManifest.LAZY) && current != null) {
        ranges.add(current);
        dirs.add(Path.of(line.substring(SweepManifest.LAZY.length()).strip()));
      }
    }
    this.lazyFrom = ranges.stream().mapToLong(r -> r[0]).toArray();
    this.lazyTo = ranges.stream().mapToLong(r -> r[1]).toArray();
    this.lazyDirs = dirs.toArray(Path[]::new);
    this.plan = version == 2 ? DrawnRows.Plan.in(invocationLines(), path).orElse(null) : null;
    if (plan != null && (plan.rows() != experiments || lazyDirs.length != 1 || lazyFrom[0] != 0
        || lazyTo[0] != experiments)) {
      throw new HyperException(path + ": its rows are drawn from a plan of " + plan.rows() + " rows, but it"
          + " records " + experiments + " experiments" + (lazyDirs.length == 1 ? "" : " and " + lazyDirs.length
          + " lazy invocations") + "; was it edited?");
    }
  }

  /**
   * The manifest of sweep {@code declared} under {@code root}, or empty if there is none; rows drawn from its plan
   * ({@link DrawnRows}) are drawn by {@code declared}, this program's sweep of that name.
   *
   * @throws HyperException if it is not a manifest Hyper can read, or this program draws other rows from its plan
   */
  public static Optional<ManifestFile> read(Path root, dev.hyper.runtime.SweepSpec<?> declared)
      throws IOException, HyperException {
    Optional<ManifestFile> m = read(root, declared.name());
    if (m.isPresent()) {
      m.get().drawnBy(declared);
    }
    return m;
  }

  /**
   * This manifest, its rows drawn from its plan (if it has one) by {@code declared}, this program's sweep of its
   * name.
   *
   * @throws HyperException if {@code declared} draws other rows from the plan
   */
  public ManifestFile drawnBy(dev.hyper.runtime.SweepSpec<?> declared) throws HyperException {
    if (plan != null) {
      drawn = DrawnRows.of(plan, declared, lazyDirs[0], path);
    }
    return this;
  }

  /** Whether its rows are drawn from a plan ({@link DrawnRows}) rather than listed. */
  public boolean drawn() {
    return plan != null;
  }

  /**
   * The rows drawn from its plan, as the program it was read with draws them.
   *
   * @throws IllegalStateException if it lists its rows, or was read without a program ({@link #read(Path, String)})
   */
  public DrawnRows drawnRows() {
    if (drawn == null) {
      throw new IllegalStateException(path + " has no rows drawn by a program");
    }
    return drawn;
  }

  /** The drawn rows, or an error saying that this reader cannot draw them. */
  private DrawnRows drawer() throws HyperException {
    if (drawn == null) {
      throw new HyperException(path + ": its rows are drawn from the sweep's plan, which this command reads"
          + " without the sweep's program; run it with the program that swept them: java -jar "
          + Layout.slashes(lazyDirs[0].resolve(Layout.SNAPSHOT_FILE)) + " ... " + sweep());
    }
    return drawn;
  }

  /** {@code [first, end)} of the rows an invocation line says it added ({@code (rows a-b)}, {@code (row a)}), or null. */
  private static long[] rowsAdded(String line) {
    java.util.regex.Matcher m = ROWS.matcher(line);
    if (!m.find()) {
      return null;
    }
    long first = Long.parseLong(m.group(1));
    return new long[] {first, (m.group(2) == null ? first : Long.parseLong(m.group(2))) + 1};
  }

  private static final java.util.regex.Pattern ROWS = java.util.regex.Pattern.compile("\\(rows? (\\d+)(?:-(\\d+))?\\)$");

  /** The directory of the lazy invocation that added row {@code row}, or null if its sweep wrote it. */
  public Path lazyDir(long row) {
    for (int i = 0; i < lazyFrom.length; i++) {
      if (row >= lazyFrom[i] && row < lazyTo[i]) {
        return lazyDirs[i];
      }
    }
    return null;
  }

  /** Whether any invocation was lazy. */
  public boolean anyLazy() {
    return lazyDirs.length > 0;
  }

  /**
   * The manifest of sweep {@code sweep} under {@code root}, or empty if there is none.
   *
   * @throws HyperException if it is not a manifest Hyper can read, naming the file and line
   */
  public static Optional<ManifestFile> read(Path root, String sweep) throws IOException, HyperException {
    Path path = root.resolve(Layout.manifest(sweep));
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(read(path));
  }

  /** The manifest at {@code path}. */
  public static ManifestFile read(Path path) throws IOException, HyperException {
    List<String> header = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || !first.startsWith(SweepManifest.TITLE)) {
        throw new HyperException(path + ":1: not a Hyper sweep manifest (it starts with neither '"
            + SweepManifest.TITLE + "1' nor '" + SweepManifest.TITLE + SweepManifest.VERSION + "')");
      }
      int version = first.startsWith(SweepManifest.TITLE + "1") ? 1
          : first.startsWith(SweepManifest.TITLE + "2:") ? 2 : 0;
      if (version == 0) {
        throw new HyperException(path + ":1: a sweep manifest of a version this Hyper does not read: " + first.strip());
      }
      header.add(first);
      long experiments = -1;
      for (String line = in.readLine(); ; line = in.readLine()) {
        if (line == null) {
          throw new HyperException(path + ": ends before its column line ('row\tid\ttrial...')");
        }
        if (!line.startsWith("#")) {
          List<String> columns = List.of(line.split("\t", -1));
          String expected = version == 1 ? "index" : "row";
          if (columns.size() < 4 || !columns.get(0).equals(expected) || !columns.get(1).equals("id")
              || !columns.get(2).equals("trial") || !columns.get(columns.size() - 1).equals("config")) {
            throw new HyperException(path + ":" + (header.size() + 1) + ": expected the column line '" + expected
                + "\tid\ttrial\t...\tconfig', found: " + Printable.escape(line));
          }
          return new ManifestFile(path, version, header, columns, experiments);
        }
        if (line.startsWith(SweepManifest.EXPERIMENTS)) {
          try {
            experiments = Long.parseLong(line.substring(SweepManifest.EXPERIMENTS.length()).strip());
          } catch (NumberFormatException e) {
            throw new HyperException(path + ":" + (header.size() + 1) + ": '" + SweepManifest.EXPERIMENTS.strip()
                + "' is no number: " + Printable.escape(line));
          }
        }
        header.add(line);
        if (header.size() > MAX_HEADER_LINES) {
          throw new HyperException(path + ": more than " + MAX_HEADER_LINES + " header lines");
        }
      }
    }
  }

  public Path path() {
    return path;
  }

  /** 1 or 2. */
  public int version() {
    return version;
  }

  /** The header lines, without the column line. */
  public List<String> header() {
    return header;
  }

  /** The parameters' jsonnet names, in column order. */
  public List<String> params() {
    return columns.subList(3, columns.size() - 1);
  }

  /** The number of rows the header gives, or -1 if it gives none. */
  public long experiments() {
    return experiments;
  }

  /** The schema hash, or null if there is none. */
  public String schema() {
    String s = value("# schema: ");
    return s == null ? null : s.strip();
  }

  /** The {@code record} and {@code template} lines joined (and, in version 1, {@code trials}). */
  public String schemaText() {
    List<String> parts = new ArrayList<>();
    for (String key : version == 1 ? List.of("record", "template", "trials") : List.of("record", "template")) {
      String v = value("# " + key + ": ");
      if (v != null) {
        parts.add(key + " " + v);
      }
    }
    return String.join("; ", parts);
  }

  /** A version 1 manifest's trials count (part of its schema), or 0. */
  public int trialsV1() {
    String v = value("# trials: ");
    try {
      return v == null ? 0 : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The invocations' blocks, as {@link SweepManifest#header} takes them back: in version 2 the lines from the
   * first {@code # invocation:} on; a version 1 header gives one invocation of its trials, points, snapshot
   * and overrides.
   */
  public List<String> invocationLines() {
    if (version == 2) {
      int from = 0;
      while (from < header.size() && !header.get(from).startsWith(SweepManifest.INVOCATION)) {
        from++;
      }
      return header.subList(from, header.size());
    }
    List<String> out = new ArrayList<>();
    out.add(SweepManifest.INVOCATION + "1: " + (experiments < 0 ? "?" : experiments) + " experiments (written"
        + " before the manifest recorded invocations)");
    for (String line : header) {
      for (String key : List.of("# points: ", "# trials: ", "# snapshot: ", SweepManifest.OVERRIDE)) {
        if (line.startsWith(key)) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** How many invocations the header records. */
  public int invocations() {
    return (int) invocationLines().stream().filter(l -> l.startsWith(SweepManifest.INVOCATION)).count();
  }

  /**
   * The overrides of every invocation, oldest first, as {@link SweepManifest#invocation} was given them.
   *
   * @throws IllegalArgumentException if an override line holds a backslash that starts no escape
   */
  public List<String> overrides() {
    return overridesOf(header);
  }

  /** The overrides in a manifest's header lines. */
  public static List<String> overridesOf(List<String> headerLines) {
    return headerLines.stream().filter(l -> l.startsWith(SweepManifest.OVERRIDE))
        .map(l -> Printable.unescape(l.substring(SweepManifest.OVERRIDE.length()))).toList();
  }

  /**
   * Calls {@code action} with every row, in order.
   *
   * @throws HyperException if a row is malformed, naming the file and line
   */
  public void forEachRow(RowAction action) throws IOException, HyperException {
    forEachRowWhile(r -> {
      action.accept(r);
      return true;
    });
  }

  /**
   * Calls {@code test} with each row, in order, until it says to stop.
   *
   * @throws HyperException if a row is malformed, naming the file and line
   */
  public void forEachRowWhile(RowTest test) throws IOException, HyperException {
    if (plan != null) {
      DrawnRows rows = drawer();
      for (long k = 0; k < rows.rows(); k++) {
        if (!test.goOn(rows.row(k))) {
          return;
        }
      }
      return;
    }
    String sweep = sweep();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      // Up to the column line again, not by the header's count: a sweep that extended the directory since the
      // header was read replaced the file with one of a longer header (and the same rows first).
      long lineNumber = 0;
      String line = in.readLine();
      for (; line != null && line.startsWith("#"); line = in.readLine()) {
        lineNumber++;
      }
      lineNumber++;
      if (line == null || !List.of(line.split("\t", -1)).equals(columns)) {
        throw new HyperException(path + ": changed while it was read (another sweep of other columns replaced"
            + " it); run the command again");
      }
      long position = 0;
      for (line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        if (!test.goOn(parse(line, path + ":" + lineNumber, position, sweep))) {
          return;
        }
        position++;
      }
      if (position < experiments) {                     // rows are only ever added: fewer is a file cut short
        throw new HyperException(path + ":" + lineNumber + ": ends after " + position + " of the " + experiments
            + " experiments its header lists; was it cut short? (restore it, or move it away and sweep again: the"
            + " experiments written stay)");
      }
    }
  }

  /**
   * Row {@code line}, expected to be row {@code position}; {@code where} names it in a message ({@code FILE:LINE}).
   *
   * @throws HyperException if it is malformed
   */
  private ManifestRow parse(String line, String where, long position, String sweep) throws HyperException {
    int fields = columns.size();
    String[] f = line.split("\t", -1);
    if (f.length != fields) {
      throw new HyperException(where + ": expected " + fields + " tab-separated fields ("
          + String.join(", ", columns) + "), found " + f.length);
    }
    long row;
    int trial;
    try {
      row = version == 1 ? position : Long.parseLong(f[0]);
      trial = Integer.parseInt(f[2]);
    } catch (NumberFormatException e) {
      throw new HyperException(where + ": row and trial must be numbers: " + Printable.escape(f[0] + " " + f[2]));
    }
    if (row != position) {
      throw new HyperException(where + ": row " + row + " where row " + position
          + " was expected (rows are numbered from 0, in order)");
    }
    String expected = sweep == null || !ID.matcher(f[1]).matches() ? null
        : Layout.slashes(Layout.confPath(sweep, f[1], trial));
    if (expected == null || !expected.equals(f[fields - 1])) {
      throw new HyperException(where + ": " + (expected == null ? "'" + Printable.escape(f[1])
          + "' is no experiment id" : "config " + Printable.escape(f[fields - 1])
          + " is not where experiment " + f[1] + " trial " + trial + " lives (" + expected + ")"));
    }
    List<String> codes = List.of(f).subList(3, fields - 1);
    return new ManifestRow(row, f[1], trial, codes, f[fields - 1], lazyDirs.length == 0 ? null : lazyDir(row));
  }

  /**
   * Row {@code k}, found by a binary search over the file's bytes (rows are numbered in order, each line starting
   * with its number): a few reads whatever the manifest's size, where {@link #forEachRow} reads up to the row.
   * Empty if there is no such row (or the manifest is of version 1, whose rows are not numbered). A row drawn from
   * the manifest's plan is drawn.
   *
   * @throws HyperException if the row found is malformed
   */
  public Optional<ManifestRow> rowAt(long k) throws IOException, HyperException {
    if (version != 2 || k < 0) {
      return Optional.empty();
    }
    if (plan != null) {
      return k < plan.rows() ? Optional.of(drawer().row(k)) : Optional.empty();
    }
    Optional<RowSearch.Found> found = RowSearch.find(path, k);
    return found.isEmpty() ? Optional.empty()
        : Optional.of(parse(found.get().line(), path + " (row " + k + ")", k, sweep()));
  }

  /** The row of experiment {@code id}, trial {@code trial}, if the manifest lists it (one pass, up to that row). */
  public Optional<ManifestRow> find(String id, int trial) throws IOException, HyperException {
    ManifestRow[] found = new ManifestRow[1];
    forEachRowWhile(r -> {
      if (r.trial() == trial && r.id().equals(id)) {
        found[0] = r;
      }
      return found[0] == null;
    });
    return Optional.ofNullable(found[0]);
  }

  /** The sweep's name, or null if the header does not give it. */
  public String sweep() {
    String s = value("# sweep: ");
    return s == null ? null : s.strip();
  }

  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9A-Za-z_-]{1,64}");

  private String value(String prefix) {
    for (String line : header) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    return null;
  }
}
