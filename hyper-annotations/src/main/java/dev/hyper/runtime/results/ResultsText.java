package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.text.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link SweepResults} as an aligned text table with a summary, and as CSV. */
public final class ResultsText {
  private ResultsText() {}

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
    boolean trials = r.rows().stream().anyMatch(row -> row.point().trials() > 1);
    List<String> header = new ArrayList<>(List.of("rank", "id", "trial"));
    header.addAll(r.params());
    header.add("status");
    header.add(r.metric());
    if (trials) {
      header.add("point mean +- std [min..max] (n)");
    }
    List<List<String>> cells = new ArrayList<>();
    List<Row> rows = top > 0 ? r.rows().subList(0, Math.min(top, r.rows().size())) : r.rows();
    int rank = 0;
    for (Row row : rows) {
      rank++;
      List<String> line = new ArrayList<>(List.of(row.metric() == null ? "-" : Integer.toString(rank), row.id(),
          Integer.toString(row.trial())));
      for (String p : r.params()) {
        line.add(row.param(p));
      }
      line.add(row.status().name());
      line.add(format(row.metric()) + (row.metricsChanged() ? " " + SweepResults.CHANGED_MARK : ""));
      if (trials) {
        line.add(formatPoint(row.point()));
      }
      cells.add(line);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("sweep ").append(r.sweep()).append(": ").append(r.rows().size()).append(" experiments, ")
        .append(r.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")))
        .append("; ").append(Printable.escape(r.metric())).append(", ").append(Printable.escape(r.ranking().describe()))
        .append("\n\n");
    appendAligned(sb, header, cells);
    if (rows.size() < r.rows().size()) {
      sb.append("... ").append(r.rows().size() - rows.size()).append(" more (without --top: all)\n");
    }
    sb.append('\n');
    Row best = r.best();
    if (best == null) {
      sb.append("no experiment has ").append(Printable.escape(r.metric())).append(" yet\n");
      return sb.toString();
    }
    sb.append("best experiment: ").append(format(best.metric()))
        .append(best.metricsChanged() ? " " + SweepResults.CHANGED_MARK : "").append("  ").append(best.id()).append(" trial ")
        .append(best.trial()).append("  ").append(Printable.escape(best.describeParams())).append('\n');
    Row bestPoint = r.bestPoint();
    boolean pointChanged = r.rows().stream().anyMatch(row -> row.metricsChanged() && row.id().equals(bestPoint.id()));
    sb.append("best point:      ").append(formatPoint(bestPoint.point()))
        .append(pointChanged ? " " + SweepResults.CHANGED_MARK : "").append("  ").append(bestPoint.id())
        .append("  ").append(Printable.escape(bestPoint.describeParams())).append('\n');
    List<Importance.Share> shares = Importance.of(r.rows(), r.params());
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
    }
    return sb.toString();
  }

  /**
   * The points ranked by their mean over trials: one line each with the point's params and mean, std,
   * min, max and n of the metric, best first; points without the metric last.
   */
  public static String points(SweepResults r, int top) {
    List<Row> firsts = pointRows(r);
    List<String> header = new ArrayList<>(List.of("rank", "id"));
    header.addAll(r.params());
    header.addAll(List.of("n", "mean", "std", "min", "max"));
    List<List<String>> cells = new ArrayList<>();
    int rank = 0;
    for (Row row : top > 0 ? firsts.subList(0, Math.min(top, firsts.size())) : firsts) {
      rank++;
      PointStats s = row.point();
      List<String> line = new ArrayList<>(List.of(s.mean() == null ? "-" : Integer.toString(rank), row.id()));
      for (String p : r.params()) {
        line.add(row.param(p));
      }
      line.addAll(List.of(s.n() + "/" + s.trials(), format(s.mean()), format(s.std()), format(s.min()),
          format(s.max())));
      cells.add(line);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("sweep ").append(r.sweep()).append(": ").append(firsts.size()).append(" points; ")
        .append(Printable.escape(r.metric())).append(" over each point's trials, ")
        .append(Printable.escape(r.ranking().describe())).append("\n\n");
    appendAligned(sb, header, cells);
    if (top > 0 && top < firsts.size()) {
      sb.append("... ").append(firsts.size() - top).append(" more (without --top: all)\n");
    }
    return sb.toString();
  }

  /** One row per point (its first in ranking order), the points ranked by their mean. */
  static List<Row> pointRows(SweepResults r) {
    java.util.Map<String, Row> first = new java.util.LinkedHashMap<>();
    r.rows().forEach(row -> first.putIfAbsent(row.id(), row));
    List<Row> points = new ArrayList<>(first.values());
    java.util.Comparator<Double> better = r.lowerIsBetter() ? java.util.Comparator.naturalOrder()
        : java.util.Comparator.reverseOrder();
    points.sort(java.util.Comparator.comparing((Row row) -> row.point().mean() == null)
        .thenComparing((a, b) -> a.point().mean() == null ? 0 : better.compare(a.point().mean(), b.point().mean())));
    return points;
  }

  /** The cells in aligned columns, each escaped for a terminal (a line break in a value would split a row). */
  private static void appendAligned(StringBuilder sb, List<String> rawHeader, List<List<String>> rawRows) {
    List<String> header = rawHeader.stream().map(Printable::escape).toList();
    List<List<String>> rows = rawRows.stream().map(row -> row.stream().map(Printable::escape).toList()).toList();
    int[] width = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + width[i] + "s", row.get(i)));
        if (i < row.size() - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /**
   * Every row as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
   * quoted): {@code id, trial, <each param>, status, <metric>, point_mean, point_std, point_n}. Numbers are
   * written in full precision; empty fields are missing values.
   */
  public static String csv(SweepResults r) {
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("id", "trial"));
    header.addAll(r.params());
    header.addAll(List.of("status", r.metric(), "point_mean", "point_std", "point_n"));
    csvLine(sb, header);
    for (Row row : r.rows()) {
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
    }
    return sb.toString();
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
