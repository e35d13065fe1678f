package dev.hyper.runtime.manifest;

import dev.hyper.runtime.Grid;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.Strategy;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Ids;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of a lazy sweep's first invocation drawn from its plan rather than listed, so that a sweep of a million
 * experiments writes a header, not a million rows. The plan is two kinds of manifest lines in the invocation's
 * block:
 * <pre>
 * # drawn: 1000000 rows, 1 trial per point, random 1000000 seed 1, fingerprint 16 hex digits
 * # drawn values: hidden_dim	50	100	200         one per parameter that has a value list: its jsonnet literals
 * </pre>
 * Row k is what the sweep would have listed: trial {@code k % trials} of point {@code k / trials} of the sweep's
 * grid with those values and that strategy ({@link Grid#get} is random access). The parameters' kinds, groups and
 * distributions come from the program that reads the manifest; the fingerprint (a hash of the plan's other fields
 * and of rows spread over the range) says whether it draws the rows the sweep drew, and whether the plan is the one
 * written: a value edited in rows the spread misses changes it too. The sweep checks that before it draws rather
 * than lists ({@link #plan}); a reader whose program draws others is told which program to run ({@link #of}).
 */
public final class DrawnRows {
  /** The plan's first line's prefix. */
  public static final String DRAWN = "# drawn: ";
  /** The prefix of a parameter's value list. */
  public static final String VALUES = "# drawn values: ";
  /** How many rows the fingerprint hashes, spread evenly over the range. */
  static final int FINGERPRINT_ROWS = 64;

  private static final Pattern LINE = Pattern.compile(
      "(\\d+) rows, (\\d+) trials? per point, (?:grid|random (\\d+) seed (-?\\d+)), fingerprint ([0-9a-f]{16})");

  /**
   * A sweep's plan as its manifest lines hold it.
   *
   * @param rows how many rows it draws
   * @param trials trials per point
   * @param strategy how the points are drawn
   * @param values each listed parameter's jsonnet literals, by jsonnet name
   * @param fingerprint the hash of its other fields and of {@link #FINGERPRINT_ROWS} of its rows
   */
  public record Plan(long rows, int trials, Strategy strategy, Map<String, List<String>> values, String fingerprint) {
    public Plan {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The manifest lines, each ending in a newline. */
    public String lines() {
      StringBuilder sb = new StringBuilder(DRAWN).append(rows).append(" rows, ").append(trials)
          .append(trials == 1 ? " trial" : " trials").append(" per point, ")
          .append(strategy.isRandom() ? "random " + strategy.samples() + " seed " + strategy.seed() : "grid")
          .append(", fingerprint ").append(fingerprint).append('\n');
      values.forEach((tla, codes) -> sb.append(VALUES).append(tla).append('\t').append(String.join("\t", codes))
          .append('\n'));
      return sb.toString();
    }

    /**
     * The plan in an invocation's lines, or empty if they hold none.
     *
     * @param where names the manifest in a message
     * @throws HyperException if a plan line is malformed
     */
    static Optional<Plan> in(List<String> lines, Path where) throws HyperException {
      Plan plan = null;
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (String line : lines) {
        if (line.startsWith(DRAWN)) {
          Matcher m = LINE.matcher(line.substring(DRAWN.length()).strip());
          if (!m.matches()) {
            throw new HyperException(where + ": a '" + DRAWN.strip() + "' line Hyper cannot read: "
                + Printable.escape(line));
          }
          try {
            Strategy strategy = m.group(3) == null ? Strategy.grid()
                : Strategy.random(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
            plan = new Plan(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), strategy, Map.of(), m.group(5));
          } catch (IllegalArgumentException e) {
            throw new HyperException(where + ": a '" + DRAWN.strip() + "' line Hyper cannot read: "
                + Printable.escape(line));
          }
        } else if (line.startsWith(VALUES)) {
          String[] f = line.substring(VALUES.length()).split("\t", -1);
          values.put(f[0], List.of(f).subList(1, f.length));
        }
      }
      return plan == null ? Optional.empty()
          : Optional.of(new Plan(plan.rows, plan.trials, plan.strategy, values, plan.fingerprint));
    }
  }

  private final SweepSpec<?> spec;
  private final Path lazyDir;
  private final long rows;
  private long cachedPoint = -1;
  private String cachedId;
  private List<String> cachedCodes;

  private DrawnRows(SweepSpec<?> spec, Path lazyDir, long rows) {
    this.spec = spec;
    this.lazyDir = lazyDir;
    this.rows = rows;
  }

  /**
   * The plan of {@code swept} (the sweep as run, its sweep files and {@code --set} applied) for a reader whose
   * program declares {@code declared}: empty if rows drawn from {@code declared} with it are not those
   * {@code swept} plans (a grid of chosen points, a distribution a sweep file changed), so that they must be
   * listed.
   */
  public static <P extends Record> Optional<Plan> plan(SweepSpec<P> swept, SweepSpec<P> declared) {
    Grid<P> grid = swept.grid();
    if (grid.params().stream().anyMatch(p -> p.group().equals(Grid.POINTS_GROUP))) {
      return Optional.empty();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Param<P> p : grid.params()) {
      if (!p.values().isEmpty()) {
        List<String> codes = new ArrayList<>(p.values().size());
        p.values().forEach(v -> codes.add(new Tla(p.tla(), v, p.kind()).code()));
        values.put(p.tla(), codes);
      }
    }
    long total = grid.size() * swept.trials();
    DrawnRows own = new DrawnRows(swept, null, total);
    Plan unsigned = new Plan(total, swept.trials(), grid.strategy(), values, "");
    Plan plan = new Plan(total, swept.trials(), grid.strategy(), values, own.fingerprint(unsigned));
    try {
      DrawnRows drawn = new DrawnRows(applied(declared, plan, null), null, total);
      return drawn.fingerprint(plan).equals(plan.fingerprint()) ? Optional.of(plan) : Optional.empty();
    } catch (HyperException | IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();                         // values the declared parameters do not take: list them
    }
  }

  /**
   * The rows of {@code plan}, drawn by {@code declared} (the program's sweep of that name), each of invocation
   * directory {@code lazyDir}.
   *
   * @param where names the manifest in a message
   * @throws HyperException if the plan does not fit {@code declared}, or {@code declared} draws other rows from it
   */
  public static DrawnRows of(Plan plan, SweepSpec<?> declared, Path lazyDir, Path where) throws HyperException {
    DrawnRows drawn = new DrawnRows(applied(declared, plan, where), lazyDir, plan.rows());
    String found = drawn.fingerprint(plan);
    if (!found.equals(plan.fingerprint())) {
      throw new HyperException(where + ": its " + plan.rows() + " rows are drawn from the sweep's plan, and this"
          + " program's sweep '" + declared.name() + "' draws other experiments from it (fingerprint " + found
          + ", not " + plan.fingerprint() + "); if the manifest was not edited, run the command with the program"
          + " that swept them: java -jar "
          + Layout.slashes(lazyDir.resolve(Layout.SNAPSHOT_FILE)) + " ...");
    }
    return drawn;
  }

  /** {@code declared} with the plan's values, strategy and trials. */
  private static <P extends Record> SweepSpec<P> applied(SweepSpec<P> declared, Plan plan, Path where)
      throws HyperException {
    Map<String, List<Object>> byComponent = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : plan.values().entrySet()) {
      Param<P> p = declared.grid().params().stream().filter(q -> q.tla().equals(e.getKey())).findFirst()
          .orElseThrow(() -> new HyperException(where + ": the plan draws parameter '" + e.getKey() + "', which"
              + " sweep '" + declared.name() + "' does not have"));
      List<Object> values = new ArrayList<>(e.getValue().size());
      for (String code : e.getValue()) {
        try {
          values.add(Tla.fromCode(p, code).value());
        } catch (IllegalArgumentException x) {
          throw new HyperException(where + ": the plan's value '" + Printable.escape(code) + "' is not one of "
              + p.tla());
        }
      }
      byComponent.put(p.component(), values);
    }
    Grid<P> grid;
    try {
      grid = declared.grid().withValues(byComponent).withStrategy(plan.strategy());
    } catch (IllegalArgumentException | ArithmeticException x) {   // no values, a group unpaired, too many points
      throw new HyperException(where + ": the plan's values cannot be drawn by sweep '" + declared.name() + "': "
          + x.getMessage());
    }
    if (grid.size() * plan.trials() != plan.rows()) {
      throw new HyperException(where + ": the plan draws " + plan.rows() + " rows, and sweep '" + declared.name()
          + "' gives " + grid.size() * plan.trials() + " from it");
    }
    return declared.with(grid, plan.trials(), declared.slurm());
  }

  /** How many rows. */
  public long rows() {
    return rows;
  }

  /** Row {@code k}, 0 &lt;= k &lt; {@link #rows()}; consecutive trials of a point are drawn once. */
  public synchronized ManifestRow row(long k) {
    if (k < 0 || k >= rows) {
      throw new IndexOutOfBoundsException("row " + k + " of " + rows);
    }
    long point = k / spec.trials();
    int trial = (int) (k % spec.trials());
    if (point != cachedPoint) {
      draw(spec, point);
      cachedPoint = point;
    }
    return new ManifestRow(k, cachedId, trial, cachedCodes,
        Layout.slashes(Layout.confPath(spec.name(), cachedId, trial)), lazyDir);
  }

  private <P extends Record> void draw(SweepSpec<P> s, long point) {
    List<Tla> tlas = Tla.of(s, s.grid().get(point));
    cachedCodes = Tla.codes(tlas);
    cachedId = Ids.experimentId(s.name(), tlas, cachedCodes);
  }

  /**
   * The hash of {@code plan}'s fields but its fingerprint (its lines, which hold every value, also those of rows the
   * spread misses) and of {@link #FINGERPRINT_ROWS} rows spread over the range (all of them in a smaller one).
   */
  private String fingerprint(Plan plan) {
    StringBuilder text = new StringBuilder("hyper-drawn-v2\n")
        .append(new Plan(plan.rows(), plan.trials(), plan.strategy(), plan.values(), "").lines());
    long n = Math.min(rows, FINGERPRINT_ROWS);
    for (long i = 0; i < n; i++) {
      long k = n < 2 ? 0 : i * (rows - 1) / (n - 1);
      text.append(SweepManifest.row(row(k)));
    }
    return SweepManifest.sha256(text.toString()).substring(0, 16);
  }
}
