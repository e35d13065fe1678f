package dev.hyper.runtime.results;

import static dev.hyper.runtime.results.ParallelCoordinates.fmt;
import static dev.hyper.runtime.results.ResultsHtml.esc;

import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.run.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The experiments' step metrics ({@code metrics.jsonl}) by step, one chart per logged metric (a picker
 * shows one; without scripts the first): the {@link #HIGHLIGHT} best experiments in colour, the rest grey;
 * a point with several trials also as the mean of its trials with a band from their least to their
 * greatest value. The {@link #CURVES} best experiments with a step log are drawn (the summary says when more
 * have one); curves are downsampled to at most {@code 80,000 / curves} points each (between 8 and 200, first
 * and last kept), and past {@link ResultsHtml#TITLED} experiments only the highlighted curves carry a
 * tooltip, so the page stays a few MB (bench/results-page.sh measures it). The y axis is logarithmic when
 * every value is positive and they span more than 50 times. Logs are read one at a time, twice (to choose the
 * experiments, then to take their downsampled curves), so memory holds the drawn curves, not the logs.
 */
final class LearningCurves {
  static final int HIGHLIGHT = 5;
  /** The most experiments whose curves are drawn, the best that have a step log. */
  static final int CURVES = 500;
  private static final int W = 760;
  private static final int H = 330;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 24;
  private static final int BOTTOM = 40;

  private LearningCurves() {}

  /**
   * The curves to draw.
   *
   * @param rows the drawn experiments, by rank, with their rows
   * @param metrics the logged metrics with a number, in order of the experiments and their steps
   * @param series each metric's downsampled points (step, value) by rank, for the ranks that have one
   * @param bounds each metric's least and greatest step and value over every point, downsampled or not
   * @param more whether more experiments have a step log than are drawn
   */
  record Curves(Map<Integer, Row> rows, Set<String> metrics, Map<String, Map<Integer, List<double[]>>> series,
      Map<String, double[]> bounds, boolean more) {}

  /** An empty series and unbounded bounds ({@code min x, max x, min y, max y}) for each of {@code metrics}. */
  private static void start(Set<String> metrics, Map<String, Map<Integer, List<double[]>>> series,
      Map<String, double[]> bounds) {
    for (String m : metrics) {
      series.put(m, new TreeMap<>());
      bounds.put(m, new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY});
    }
  }

  /** The curves of the step logs given, by rank. */
  static Curves of(SweepResults r, Map<Integer, List<StepLog.Step>> steps) throws java.io.IOException {
    Set<String> metrics = new LinkedHashSet<>();
    steps.values().forEach(list -> list.forEach(s -> names(s, metrics)));
    int perCurve = Math.max(8, Math.min(200, 80_000 / Math.max(1, steps.size())));
    Map<String, Map<Integer, List<double[]>>> series = new LinkedHashMap<>();
    Map<String, double[]> bounds = new LinkedHashMap<>();
    start(metrics, series, bounds);
    for (Map.Entry<Integer, List<StepLog.Step>> e : steps.entrySet()) {
      add(e.getKey(), e.getValue(), series, bounds, perCurve);
    }
    Map<Integer, Row> rows = new TreeMap<>();
    for (Integer k : steps.keySet()) {
      rows.put(k, r.ranked().row(k));
    }
    return new Curves(rows, metrics, series, bounds, false);
  }

  /** The curves of the {@link #CURVES} best experiments of the sweep under {@code root} that have a step log. */
  static Curves read(SweepResults r, java.nio.file.Path root) throws java.io.IOException {
    RankedRows ranked = r.ranked();
    Map<Integer, Row> rows = new TreeMap<>();
    Set<String> metrics = new LinkedHashSet<>();
    boolean more = false;
    for (int k = 0; k < ranked.size() && !more; k++) {
      SweepResults.Status status = ranked.status(k);
      if (status == SweepResults.Status.PENDING || status == SweepResults.Status.MISSING) {
        continue;
      }
      Row row = ranked.row(k);
      List<StepLog.Step> steps = steps(r, root, row);
      if (!steps.isEmpty()) {
        if (rows.size() == CURVES) {
          more = true;
        } else {
          rows.put(k, row);
          steps.forEach(s -> names(s, metrics));
        }
      }
    }
    int perCurve = Math.max(8, Math.min(200, 80_000 / Math.max(1, rows.size())));
    Map<String, Map<Integer, List<double[]>>> series = new LinkedHashMap<>();
    Map<String, double[]> bounds = new LinkedHashMap<>();
    start(metrics, series, bounds);
    for (Map.Entry<Integer, Row> e : rows.entrySet()) {
      add(e.getKey(), steps(r, root, e.getValue()), series, bounds, perCurve);
    }
    return new Curves(rows, metrics, series, bounds, more);
  }

  private static List<StepLog.Step> steps(SweepResults r, java.nio.file.Path root, Row row) throws java.io.IOException {
    return StepLog.read(root.resolve(dev.hyper.runtime.plan.Layout.serializationDir(r.sweep(), row.id(), row.trial())))
        .steps();
  }

  private static void names(StepLog.Step s, Set<String> metrics) {
    s.metrics().forEach((k, v) -> {
      if (v instanceof Number) {
        metrics.add(k);
      }
    });
  }

  /** Adds experiment {@code k}'s finite points of each metric, downsampled, and widens the metric's bounds. */
  private static void add(int k, List<StepLog.Step> steps, Map<String, Map<Integer, List<double[]>>> series,
      Map<String, double[]> bounds, int perCurve) {
    for (Map.Entry<String, Map<Integer, List<double[]>>> m : series.entrySet()) {
      double[] b = bounds.get(m.getKey());
      List<double[]> points = new ArrayList<>();
      for (StepLog.Step s : steps) {
        if (s.metrics().get(m.getKey()) instanceof Number n && Double.isFinite(n.doubleValue())) {
          points.add(new double[] {s.step(), n.doubleValue()});
          b[0] = Math.min(b[0], s.step());
          b[1] = Math.max(b[1], s.step());
          b[2] = Math.min(b[2], n.doubleValue());
          b[3] = Math.max(b[3], n.doubleValue());
        }
      }
      if (!points.isEmpty()) {
        m.getValue().put(k, downsample(points, perCurve));
      }
    }
  }

  static void svg(Output out, SweepResults r, Curves curves) throws java.io.IOException {
    if (curves.rows().isEmpty() || curves.metrics().isEmpty()) {
      return;
    }
    StringBuilder sb = out.sb;
    Set<String> metrics = curves.metrics();
    String shown = metrics.stream().filter(m -> r.metric().contains(m)).findFirst().orElse(metrics.iterator().next());
    boolean titles = curves.rows().size() <= ResultsHtml.TITLED;
    sb.append("<h2>Learning curves</h2>\n<p class=\"summary\">Each experiment's logged metric by step (");
    sb.append(curves.rows().size()).append(" experiments");
    if (curves.more()) {
      sb.append(", the best that have a step log: more have one");
    }
    sb.append("; the ").append(HIGHLIGHT).append(" best by ").append(esc(r.metric()))
        .append(" in colour; points with several trials as the mean of their trials, with a band from least to"
            + " greatest). Metric: <select id=\"curve-metric\">");
    for (String m : metrics) {
      sb.append("<option").append(m.equals(shown) ? " selected" : "").append('>').append(esc(m)).append("</option>");
    }
    sb.append("</select></p>\n<svg id=\"curves\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
        .append("\">\n");
    for (String m : metrics) {
      chart(sb, r, curves, m, m.equals(shown), titles);
      out.spill();
    }
    sb.append("</svg>\n");
  }

  private static void chart(StringBuilder sb, SweepResults r, Curves curves, String metric, boolean visible,
      boolean titles) {
    double[] bounds = curves.bounds().get(metric);
    double minX = bounds[0];
    double maxX = bounds[1];
    double minY = bounds[2];
    double maxY = bounds[3];
    Map<Integer, List<double[]>> series = curves.series().get(metric);
    sb.append("<g class=\"metric\" data-metric=\"").append(esc(metric)).append('"')
        .append(visible ? "" : " style=\"display:none\"").append(">\n");
    if (series.isEmpty()) {
      sb.append("</g>\n");
      return;
    }
    boolean log = minY > 0 && maxY / minY > 50;
    double y0 = log ? Math.log10(minY) : minY;
    double y1 = log ? Math.log10(maxY) : maxY;
    if (y1 - y0 < 1e-12) {
      y0 -= 0.5;
      y1 += 0.5;
    }
    double x0 = minX;
    double x1 = maxX > minX ? maxX : minX + 1;
    Scale s = new Scale(x0, x1, y0, y1, log);
    for (int i = 0; i <= 4; i++) {                                // axes and ticks
      double v = y0 + (y1 - y0) * i / 4;
      double py = s.py(log ? Math.pow(10, v) : v);
      sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(py)).append("\" x2=\"").append(W - RIGHT)
          .append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#e6e6e6\"/>\n<text x=\"").append(LEFT - 6)
          .append("\" y=\"").append(fmt(py + 4)).append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">")
          .append(esc(ResultsText.format(log ? Math.pow(10, v) : v))).append("</text>\n");
    }
    sb.append("<text x=\"").append(W / 2).append("\" y=\"").append(H - 8).append("\" text-anchor=\"middle\"")
        .append(" font-size=\"12\" fill=\"#222\">step").append(log ? " (log y)" : "").append(": ").append(esc(metric))
        .append("</text>\n");
    Map<String, List<Integer>> byPoint = new LinkedHashMap<>();
    for (Integer row : series.keySet()) {
      byPoint.computeIfAbsent(curves.rows().get(row).id(), k -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<Integer>> p : byPoint.entrySet()) {   // bands under the curves
      if (p.getValue().size() > 1) {
        band(sb, p.getKey(), metric, p.getValue(), series, s);
      }
    }
    List<Integer> order = new ArrayList<>(series.keySet());
    order.sort((a, b) -> Integer.compare(b, a));                     // worst first, the best on top
    for (Integer row : order) {
      Row x = curves.rows().get(row);
      boolean highlight = row < HIGHLIGHT && x.metric() != null;
      String color = Colors.at(1 - row / (double) HIGHLIGHT);
      sb.append("<g class=\"curve").append(highlight ? " top" : "").append("\" data-row=\"").append(row)
          .append("\"><path d=\"").append(path(series.get(row), s)).append('"');
      if (highlight) {
        sb.append(" stroke=\"").append(color).append('"');
      }
      sb.append('>');
      if (titles || highlight) {
        sb.append("<title>").append(esc(x.id() + " trial " + x.trial() + " (" + x.describeParams() + ")"))
            .append("</title>");
      }
      sb.append("</path></g>\n");
    }
    sb.append("</g>\n");
  }

  private static void band(StringBuilder sb, String point, String metric, List<Integer> rows,
      Map<Integer, List<double[]>> series, Scale s) {
    TreeMap<Double, double[]> at = new TreeMap<>();                    // step -> {min, max, sum, n}
    for (Integer row : rows) {
      for (double[] p : series.get(row)) {
        double[] a = at.computeIfAbsent(p[0], k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0});
        a[0] = Math.min(a[0], p[1]);
        a[1] = Math.max(a[1], p[1]);
        a[2] += p[1];
        a[3]++;
      }
    }
    StringBuilder upper = new StringBuilder();
    StringBuilder lower = new StringBuilder();
    List<double[]> mean = new ArrayList<>();
    for (Map.Entry<Double, double[]> e : at.entrySet()) {
      double[] a = e.getValue();
      upper.append(upper.length() == 0 ? "M" : " L").append(fmt(s.px(e.getKey()))).append(',').append(fmt(s.py(a[1])));
      lower.insert(0, " L" + fmt(s.px(e.getKey())) + "," + fmt(s.py(a[0])));
      mean.add(new double[] {e.getKey(), a[2] / a[3]});
    }
    sb.append("<g class=\"point-band\" data-point=\"").append(esc(point)).append("\" data-metric=\"").append(esc(metric))
        .append("\"><path d=\"").append(upper).append(lower).append(" Z\" fill=\"#3b6fb6\" fill-opacity=\"0.12\"/>")
        .append("<path d=\"").append(path(mean, s)).append("\" fill=\"none\" stroke=\"#3b6fb6\" stroke-width=\"1.6\"")
        .append(" stroke-dasharray=\"4 2\"><title>").append(esc(point + ": mean of " + rows.size() + " trials"))
        .append("</title></path></g>\n");
  }


  /** At most {@code n} points: evenly strided, the first and the last kept. */
  static List<double[]> downsample(List<double[]> points, int n) {
    if (points.size() <= n) {
      return points;
    }
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n - 1; i++) {
      out.add(points.get((int) ((long) i * (points.size() - 1) / (n - 1))));
    }
    out.add(points.get(points.size() - 1));
    return out;
  }

  private static String path(List<double[]> points, Scale s) {
    StringBuilder d = new StringBuilder();
    for (double[] p : points) {
      d.append(d.length() == 0 ? "M" : " L").append(fmt(s.px(p[0]))).append(',').append(fmt(s.py(p[1])));
    }
    return d.toString();
  }

  private record Scale(double x0, double x1, double y0, double y1, boolean log) {
    double px(double x) {
      return LEFT + (W - LEFT - RIGHT) * (x - x0) / (x1 - x0);
    }

    double py(double y) {
      double v = log ? Math.log10(y) : y;
      return TOP + (H - TOP - BOTTOM) * (1 - (v - y0) / (y1 - y0));
    }
  }
}
