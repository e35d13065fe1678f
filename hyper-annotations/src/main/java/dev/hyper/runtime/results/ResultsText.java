package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link SweepResults} as an aligned text table with a summary, and as CSV; written a row at a time (the
 * table's column widths take a first pass over the rows it prints), so that the text of a sweep of any size
 * is never held whole.
 */
public final class ResultsText {
  private ResultsText() {}

  /** One row's cells. */
  @FunctionalInterface
  private interface Cells {
    List<String> of(int i) throws IOException;
  }

  /** A metric value for people: 4 decimals, or scientific when tiny or huge. */
  public static String format(Double v) {
    if (v == null) {
      return "";
    }
    double a = Math.abs(v);
    if (v != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * A point over its trials: {@code mean +- std [min..max] (n)}, the range only when more than one trial
   * has the metric.
   */
  public static String formatPoint(PointStats s) {
    if (s.mean() == null || s.n() < 2 || s.min() == null || s.max() == null) {
      return formatStats(s);
    }
    return format(s.mean()) + (s.std() == null ? "" : " +- " + format(s.std())) + " [" + format(s.min()) + ".."
        + format(s.max()) + "] (n=" + s.n() + ")";
  }

  /** {@code mean +- std (n)} or what there is of it. */
  public static String formatStats(PointStats s) {
    if (s.mean() == null) {
      return "-";
    }
    return format(s.mean()) + (s.std() == null ? "" : " +- " + format(s.std())) + " (n=" + s.n() + ")";
  }

  /**
   * The table (the first {@code top} rows, all if {@code top <= 0}) and a summary: counts by status, the
   * best experiment and point, and the metric's mean for each value of each parameter.
   */
  public static String table(SweepResults r, int top) {
    Output out = new Output();
    try {
      table(r, top, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@link #table(SweepResults, int)}, written to {@code writer} (flushed). */
  public static void table(SweepResults r, int top, Writer writer) throws IOException {
    Output out = new Output(writer);
    table(r, top, out);
    out.finish();
  }

  static void table(SweepResults r, int top, Output out) throws IOException {
    RankedRows rows = r.ranked();
    boolean trials = rows.anyTrials();
    List<String> header = new ArrayList<>(List.of("rank", "id", "trial"));
    header.addAll(r.params());
    header.add("status");
    header.add(r.metric());
    if (trials) {
      header.add("point mean +- std [min..max] (n)");
    }
    int shown = top > 0 ? Math.min(top, rows.size()) : rows.size();
    StringBuilder sb = out.sb;
    sb.append("sweep ").append(r.sweep()).append(": ").append(rows.size()).append(" experiments, ")
        .append(r.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")))
        .append("; ").append(Printable.escape(r.metric())).append(", ").append(Printable.escape(r.ranking().describe()))
        .append("\n\n");
    appendAligned(out, header, shown, k -> {
      Row row = rows.row(k);
      List<String> line = new ArrayList<>(List.of(row.metric() == null ? "-" : Integer.toString(k + 1), row.id(),
          Integer.toString(row.trial())));
      for (String p : r.params()) {
        line.add(row.param(p));
      }
      line.add(row.status().name());
      line.add(format(row.metric()) + (row.metricsChanged() ? " " + SweepResults.CHANGED_MARK : ""));
      if (trials) {
        line.add(formatPoint(row.point()));
      }
      return line;
    });
    if (shown < rows.size()) {
      sb.append("... ").append(rows.size() - shown).append(" more (without --top: all)\n");
    }
    sb.append('\n');
    Row best = r.best();
    if (best == null) {
      sb.append("no experiment has ").append(Printable.escape(r.metric())).append(" yet\n");
      return;
    }
    sb.append("best experiment: ").append(format(best.metric()))
        .append(best.metricsChanged() ? " " + SweepResults.CHANGED_MARK : "").append("  ").append(best.id()).append(" trial ")
        .append(best.trial()).append("  ").append(Printable.escape(best.describeParams())).append('\n');
    int bestPointRank = rows.bestPoint(r.lowerIsBetter());
    Row bestPoint = rows.row(bestPointRank);
    boolean pointChanged = rows.pointChanged(bestPointRank);
    sb.append("best point:      ").append(formatPoint(bestPoint.point()))
        .append(pointChanged ? " " + SweepResults.CHANGED_MARK : "").append("  ").append(bestPoint.id())
        .append("  ").append(Printable.escape(bestPoint.describeParams())).append('\n');
    List<Importance.Share> shares = Importance.of(r);
    if (!shares.isEmpty()) {
      sb.append('\n').append("importance (the share of ").append(Printable.escape(r.metric()))
          .append("'s variance each parameter's marginal explains: functional ANOVA main effects):\n");
      for (Importance.Share s : shares) {
        sb.append(String.format(java.util.Locale.ROOT, "  %-20s %5.1f%%  %s%n", Printable.escape(s.param()),
            100 * s.share(), "#".repeat((int) Math.round(30 * s.share()))));
      }
    }
    sb.append('\n').append(Printable.escape(r.metric())).append(" by parameter value (mean +- std over experiments, n):\n");
    for (Map.Entry<String, Map<String, PointStats>> p : r.marginals().entrySet()) {
      sb.append("  ").append(Printable.escape(p.getKey())).append(":  ").append(p.getValue().entrySet().stream()
          .map(e -> Printable.escape(e.getKey()) + " -> " + formatStats(e.getValue())).collect(Collectors.joining(";  ")))
          .append('\n');
      out.spill();
    }
  }

  /**
   * The points ranked by their mean over trials: one line each with the point's params and mean, std,
   * min, max and n of the metric, best first; points without the metric last.
   */
  public static String points(SweepResults r, int top) {
    Output out = new Output();
    try {
      points(r, top, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@link #points(SweepResults, int)}, written to {@code writer} (flushed). */
  public static void points(SweepResults r, int top, Writer writer) throws IOException {
    Output out = new Output(writer);
    points(r, top, out);
    out.finish();
  }

  static void points(SweepResults r, int top, Output out) throws IOException {
    RankedRows rows = r.ranked();
    int[] firsts = rows.pointRanks(r.lowerIsBetter());
    List<String> header = new ArrayList<>(List.of("rank", "id"));
    header.addAll(r.params());
    header.addAll(List.of("n", "mean", "std", "min", "max"));
    int shown = top > 0 ? Math.min(top, firsts.length) : firsts.length;
    StringBuilder sb = out.sb;
    sb.append("sweep ").append(r.sweep()).append(": ").append(firsts.length).append(" points; ")
        .append(Printable.escape(r.metric())).append(" over each point's trials, ")
        .append(Printable.escape(r.ranking().describe())).append("\n\n");
    appendAligned(out, header, shown, i -> {
      Row row = rows.row(firsts[i]);
      PointStats s = row.point();
      List<String> line = new ArrayList<>(List.of(s.mean() == null ? "-" : Integer.toString(i + 1), row.id()));
      for (String p : r.params()) {
        line.add(row.param(p));
      }
      line.addAll(List.of(s.n() + "/" + s.trials(), format(s.mean()), format(s.std()), format(s.min()),
          format(s.max())));
      return line;
    });
    if (top > 0 && top < firsts.length) {
      sb.append("... ").append(firsts.length - top).append(" more (without --top: all)\n");
    }
  }

  /**
   * The header and rows {@code 0..n)} in aligned columns, each cell escaped for a terminal (a line break in a
   * value would split a row): a first pass over the rows finds each column's width, a second writes them.
   */
  private static void appendAligned(Output out, List<String> rawHeader, int n, Cells cells) throws IOException {
    List<String> header = rawHeader.stream().map(Printable::escape).toList();
    int[] width = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      width[i] = header.get(i).length();
    }
    for (int k = 0; k < n; k++) {
      List<String> row = cells.of(k);
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], Printable.escape(row.get(i)).length());
      }
    }
    appendLine(out.sb, header, width);
    for (int k = 0; k < n; k++) {
      appendLine(out.sb, cells.of(k).stream().map(Printable::escape).toList(), width);
      out.spill();
    }
  }

  private static void appendLine(StringBuilder sb, List<String> row, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      line.append(cell);
      for (int pad = cell.length(); pad < width[i]; pad++) {
        line.append(' ');
      }
      if (i < row.size() - 1) {
        line.append("  ");
      }
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }

  /**
   * Every row as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
   * quoted): {@code id, trial, <each param>, status, <metric>, point_mean, point_std, point_n}. Numbers are
   * written in full precision; empty fields are missing values.
   */
  public static String csv(SweepResults r) {
    Output out = new Output();
    try {
      csv(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@link #csv(SweepResults)}, written to {@code writer}. */
  public static void csv(SweepResults r, Writer writer) throws IOException {
    Output out = new Output(writer);
    csv(r, out);
    out.finish();
  }

  private static void csv(SweepResults r, Output out) throws IOException {
    RankedRows rows = r.ranked();
    StringBuilder sb = out.sb;
    List<String> header = new ArrayList<>(List.of("id", "trial"));
    header.addAll(r.params());
    header.addAll(List.of("status", r.metric(), "point_mean", "point_std", "point_n"));
    csvLine(sb, header);
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.row(k);
      List<String> line = new ArrayList<>(List.of(row.id(), Integer.toString(row.trial())));
      for (String p : r.params()) {
        line.add(row.param(p));
      }
      line.add(row.status().name());
      line.add(number(row.metric()));
      line.add(number(row.point().mean()));
      line.add(number(row.point().std()));
      line.add(Integer.toString(row.point().n()));
      csvLine(sb, line);
      out.spill();
    }
  }

  private static String number(Double v) {
    return v == null ? "" : v.toString();
  }

  private static void csvLine(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i);
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    sb.append("\r\n");
  }
}
