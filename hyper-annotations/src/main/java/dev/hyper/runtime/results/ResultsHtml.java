package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link SweepResults} as one self-contained HTML page: a summary, the parameters' importance
 * ({@link Importance}), a chart of the metric against each swept parameter (inline SVG: each experiment a dot, the mean per value a line), and the full table. No script,
 * no fonts or styles from elsewhere: it renders offline. Written a row at a time; the charts draw a bounded
 * number of experiments ({@link #DOTS}, {@link ParallelCoordinates#LINES}, {@link LearningCurves#CURVES}).
 */
public final class ResultsHtml {
  /** Past this many experiments, lines and dots carry no tooltip (the best ones still do): the page stays small. */
  static final int TITLED = 2000;
  /** The most dots a chart by parameter draws (every {@code n/DOTS}-th experiment past that; the means use all). */
  static final int DOTS = 1500;
  /**
   * The most experiments the table lists, best first; the page says how many more there are and of which status
   * (a lazy sweep of a million points would otherwise be a page of a million rows, hundreds of MB).
   */
  static final int TABLE_ROWS = 10_000;
  private static final int W = 380;
  private static final int H = 270;
  private static final int LEFT = 58;
  private static final int RIGHT = 14;
  private static final int TOP = 34;
  private static final int BOTTOM = 52;

  private ResultsHtml() {}

  public static String page(SweepResults r) {
    return page(r, java.util.Map.of());
  }

  /** The page of {@code r} with the learning curves of the sweep under {@code root}. */
  public static String page(SweepResults r, Path root) throws IOException {
    Output out = new Output();
    page(out, r, LearningCurves.read(r, root));
    return out.toString();
  }

  /** The page of {@code r} with the learning curves of the sweep under {@code root}, to {@code writer}. */
  public static void write(SweepResults r, Path root, Writer writer) throws IOException {
    Output out = new Output(writer);
    page(out, r, LearningCurves.read(r, root));
    out.finish();
  }

  static String page(SweepResults r, Map<Integer, List<dev.hyper.runtime.run.StepLog.Step>> steps) {
    Output out = new Output();
    try {
      page(out, r, LearningCurves.of(r, steps));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void page(Output out, SweepResults r, LearningCurves.Curves curves) throws IOException {
    StringBuilder sb = out.sb;
    RankedRows rows = r.ranked();
    String title = "Hyper sweep " + r.sweep() + ": " + r.metric();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px;"
            + "color:#222;background:#fff}\n")
        .append("h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:22px 0 8px}\n")
        .append(".summary{margin:4px 0;font-size:14px}.summary b{font-variant-numeric:tabular-nums}\n")
        .append(".charts{display:flex;flex-wrap:wrap;gap:14px}\n")
        .append(".chart{border:1px solid #ddd;border-radius:6px;background:#fcfcfc}\n")
        .append("table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}\n")
        .append("th,td{padding:3px 9px;border-bottom:1px solid #e4e4e4;text-align:left}\n")
        .append("th{background:#f2f2f2;position:sticky;top:0}td.num{text-align:right}\n")
        .append("tr.best td{background:#fff4d6;font-weight:600}\n")
        .append("#parcoords path.run{fill:none;stroke-width:1.3;stroke-opacity:.7}#parcoords path.run.best{stroke-width:3.5;"
            + "stroke-opacity:1}#parcoords path.run.filtered{stroke:#ccc;stroke-opacity:.25}\n")
        .append("#curves g.curve path{fill:none}#curves g.curve:not(.top) path{stroke:#9aa0a6;stroke-width:1;"
            + "stroke-opacity:.5}#curves g.curve.top path{stroke-width:2.2;stroke-opacity:1}\n")
        .append("td.n,tbody td{text-align:right}tbody td:nth-child(2){text-align:left;font-family:monospace}\n")
        .append(".DONE{color:#1a7f37}.FAILED{color:#c62828;font-weight:600}.RUNNING{color:#b26a00}"
            + ".PENDING{color:#666}.MISSING{color:#999;font-style:italic}.INTERRUPTED{color:#6f42c1}\n")
        .append("</style>\n</head>\n<body>\n");
    sb.append("<h1>").append(esc(title)).append("</h1>\n");
    sb.append("<p class=\"summary\">").append(rows.size()).append(" experiments: ")
        .append(esc(r.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "))))
        .append(". ").append(esc(r.metric())).append(": ").append(esc(r.ranking().describe())).append(".</p>\n");
    Row best = r.best();
    if (best != null) {
      sb.append("<p class=\"summary\">Best experiment: <b>").append(ResultsText.format(best.metric()))
          .append("</b> (").append(esc(best.id())).append(" trial ").append(best.trial()).append(": ")
          .append(esc(best.describeParams())).append(")</p>\n");
      Row bp = rows.row(rows.bestPoint(r.lowerIsBetter()));
      sb.append("<p class=\"summary\">Best point: <b>").append(esc(ResultsText.formatPoint(bp.point())
          .replace("+-", "±"))).append("</b> (").append(esc(bp.describeParams())).append(")</p>\n");
      List<Importance.Share> shares = Importance.of(r);
      if (!shares.isEmpty()) {
        sb.append("<h2>Parameter importance</h2>\n<p class=\"summary\">The share of ").append(esc(r.metric()))
            .append("'s variance each parameter's marginal explains (functional ANOVA main effects; the rest is"
                + " interactions and noise).</p>\n<table class=\"importance\">\n");
        for (Importance.Share s : shares) {
          sb.append("<tr><td>").append(esc(s.param())).append("</td><td class=\"num\">")
              .append(String.format(Locale.ROOT, "%.1f%%", 100 * s.share())).append("</td><td><div style=\"width:")
              .append(String.format(Locale.ROOT, "%.1f", 300 * s.share()))
              .append("px;height:12px;background:#3b6fb6\"></div></td></tr>\n");
        }
        sb.append("</table>\n");
      }
      ParallelCoordinates.svg(sb, r);
      out.spill();
      LearningCurves.svg(out, r, curves);
      sb.append("<h2>").append(esc(r.metric())).append(" by parameter</h2>\n<div class=\"charts\">\n");
      Map<String, Map<String, PointStats>> marginals = r.marginals();
      for (int j = 0; j < r.params().size(); j++) {
        chart(sb, r, j, marginals.get(r.params().get(j)));
        out.spill();
      }
      sb.append("</div>\n");
    } else {
      sb.append("<p class=\"summary\">No experiment has ").append(esc(r.metric())).append(" yet.</p>\n");
    }
    table(out, r);
    sb.append("<script>\n").append(SCRIPT).append("</script>\n");
    sb.append("</body>\n</html>\n");
  }

  private static void chart(StringBuilder sb, SweepResults r, int j, Map<String, PointStats> marginal)
      throws IOException {
    RankedRows rows = r.ranked();
    String param = r.params().get(j);
    List<String> values = r.axisValues().get(param);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int measured = 0;
    for (int k = 0; k < rows.size(); k++) {
      double m = rows.metric(k);
      if (!Double.isNaN(m)) {
        lo = Math.min(lo, m);
        hi = Math.max(hi, m);
        measured++;
      }
    }
    if (hi - lo < 1e-12) {
      double pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 0.5;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / 5);
    double y0 = Math.floor(lo / step) * step;
    double y1 = Math.ceil(hi / step) * step;
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    double band = plotW / values.size();
    int every = Math.max(1, (measured + DOTS - 1) / DOTS);
    int[][] dots = dots(rows, j, every);

    sb.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"")
        .append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
    sb.append("<title>").append(esc(r.metric() + " by " + param)).append("</title>\n");
    sb.append(text(W / 2.0, 20, "middle", 14, "600", r.metric() + " by " + param));
    for (double y = y0; y <= y1 + step / 2; y += step) {          // grid lines and y labels
      double py = TOP + plotH * (1 - (y - y0) / (y1 - y0));
      sb.append(line(LEFT, py, W - RIGHT, py, "#e6e6e6", 1));
      sb.append(text(LEFT - 6, py + 4, "end", 11, "400", tick(y, step)));
    }
    sb.append(line(LEFT, TOP, LEFT, TOP + plotH, "#888", 1));
    sb.append(line(LEFT, TOP + plotH, W - RIGHT, TOP + plotH, "#888", 1));
    StringBuilder meanLine = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      double cx = LEFT + band * (i + 0.5);
      sb.append(text(cx, TOP + plotH + 16, "middle", 11, "400", v));
      PointStats s = marginal.get(v);
      sb.append(text(cx, TOP + plotH + 30, "middle", 10, "400", "n=" + s.n()));
      int index = rows.valueIndex(j, v);
      for (int k : index < 0 ? new int[0] : dots[index]) {
        Row row = rows.row(k);
        double jitter = ((Math.floorMod((row.id() + "/" + row.trial()).hashCode(), 1000) / 1000.0) - 0.5)
            * Math.min(band * 0.55, 60);
        double py = TOP + plotH * (1 - (row.metric() - y0) / (y1 - y0));
        sb.append("<circle cx=\"").append(fmt(cx + jitter)).append("\" cy=\"").append(fmt(py))
            .append("\" r=\"3.2\" fill=\"#3b6fb6\" fill-opacity=\"0.55\">");
        if (measured <= TITLED) {
          sb.append("<title>").append(esc(row.id() + " trial " + row.trial() + ": " + ResultsText.format(row.metric())
              + " (" + row.describeParams() + ")")).append("</title>");
        }
        sb.append("</circle>\n");
      }
      if (s.mean() != null) {
        double py = TOP + plotH * (1 - (s.mean() - y0) / (y1 - y0));
        meanLine.append(meanLine.length() == 0 ? "" : " ").append(fmt(cx)).append(',').append(fmt(py));
        sb.append("<rect x=\"").append(fmt(cx - 7)).append("\" y=\"").append(fmt(py - 1.5))
            .append("\" width=\"14\" height=\"3\" fill=\"#d9480f\"><title>")
            .append(esc("mean " + ResultsText.formatStats(s).replace("+-", "±")))
            .append("</title></rect>\n");
      }
    }
    if (meanLine.length() > 0) {
      sb.append("<polyline points=\"").append(meanLine)
          .append("\" fill=\"none\" stroke=\"#d9480f\" stroke-width=\"2\" stroke-opacity=\"0.85\"/>\n");
    }
    sb.append(text(W / 2.0, H - 6, "middle", 12, "400", param + "  (dots: experiments; line: mean)"));
    sb.append("</svg>\n");
  }

  /**
   * The experiments a chart by parameter {@code j} draws as dots, by the number of their value: of the
   * experiments with the metric and each value, every {@code every}-th in ranking order (at most about
   * {@link #DOTS} in all).
   */
  private static int[][] dots(RankedRows rows, int j, int every) {
    int m = rows.values(j);
    int[] seen = new int[m];
    int[] count = new int[m];
    for (int k = 0; k < rows.size(); k++) {
      if (!Double.isNaN(rows.metric(k)) && seen[rows.value(j, k)]++ % every == 0) {
        count[rows.value(j, k)]++;
      }
    }
    int[][] out = new int[m][];
    for (int v = 0; v < m; v++) {
      out[v] = new int[count[v]];
    }
    java.util.Arrays.fill(seen, 0);
    java.util.Arrays.fill(count, 0);
    for (int k = 0; k < rows.size(); k++) {
      if (!Double.isNaN(rows.metric(k))) {
        int v = rows.value(j, k);
        if (seen[v]++ % every == 0) {
          out[v][count[v]++] = k;
        }
      }
    }
    return out;
  }

  private static void table(Output out, SweepResults r) throws IOException {
    StringBuilder sb = out.sb;
    RankedRows rows = r.ranked();
    boolean trials = rows.anyTrials();
    sb.append("<h2>Experiments</h2>\n<table>\n<thead><tr><th>rank</th><th>id</th><th>trial</th>");
    for (String p : r.params()) {
      sb.append("<th>").append(esc(p)).append("</th>");
    }
    sb.append("<th>status</th><th>").append(esc(r.metric())).append("</th>");
    if (trials) {
      sb.append("<th>point mean ± std [min..max] (n)</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    boolean hasBest = rows.size() > 0 && !Double.isNaN(rows.metric(0));
    int listed = Math.min(rows.size(), TABLE_ROWS);
    for (int k = 0; k < listed; k++) {
      Row row = rows.row(k);
      sb.append("<tr data-row=\"").append(k).append('"').append(k == 0 && hasBest ? " class=\"best\">" : ">");
      sb.append("<td>").append(row.metric() == null ? "-" : Integer.toString(k + 1)).append("</td>");
      sb.append("<td>").append(esc(row.id())).append("</td><td>").append(row.trial()).append("</td>");
      for (String p : r.params()) {
        sb.append("<td>").append(esc(row.param(p))).append("</td>");
      }
      sb.append("<td class=\"").append(row.status().name()).append("\">").append(row.status().name())
          .append("</td><td>").append(ResultsText.format(row.metric())).append("</td>");
      if (trials) {
        sb.append("<td>").append(esc(ResultsText.formatPoint(row.point()).replace("+-", "±"))).append("</td>");
      }
      sb.append("</tr>\n");
      out.spill();
    }
    if (listed < rows.size()) {
      sb.append("<tr class=\"more\"><td colspan=\"").append(5 + r.params().size() + (trials ? 1 : 0)).append("\">")
          .append(esc(unlisted(rows, listed))).append("</td></tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
  }

  /** What the table leaves out after its first {@code listed} rows, in one sentence. */
  static String unlisted(RankedRows rows, int listed) {
    int[] n = new int[SweepResults.Status.values().length];
    for (int k = listed; k < rows.size(); k++) {
      n[rows.status(k).ordinal()]++;
    }
    java.util.List<String> counts = new java.util.ArrayList<>();
    for (SweepResults.Status s : SweepResults.Status.values()) {
      if (n[s.ordinal()] > 0) {
        counts.add(String.format(java.util.Locale.ROOT, "%,d %s", n[s.ordinal()], s.name()));
      }
    }
    return String.format(java.util.Locale.ROOT, "... and %,d more experiments, not listed here (%s); results --csv"
        + " FILE lists every one", rows.size() - listed, String.join(", ", counts));
  }

  /**
   * The page's only script: brushing on the parallel coordinates (drag along an axis to keep a range,
   * click to clear; rows and lines outside every brush are hidden) and the learning curves' metric picker.
   */
  private static final String SCRIPT = String.join("\n",
      "(function () {",
      "  var svg = document.getElementById('parcoords');",
      "  var brushes = {};",
      "  function apply() {",
      "    var runs = svg.querySelectorAll('path.run');",
      "    for (var i = 0; i < runs.length; i++) {",
      "      var ys = runs[i].getAttribute('d').split(/[ML]/).filter(Boolean).map(function (p) { return Number(p.split(',')[1]); });",
      "      var keep = true;",
      "      for (var a in brushes) { var b = brushes[a]; if (ys[a] < b[0] || ys[a] > b[1]) { keep = false; } }",
      "      runs[i].classList.toggle('filtered', !keep);",
      "      var row = document.querySelector('tr[data-row=\"' + runs[i].getAttribute('data-row') + '\"]');",
      "      if (row) { row.style.display = keep ? '' : 'none'; }",
      "    }",
      "    var pending = document.querySelectorAll('tr[data-row]');",
      "    var any = Object.keys(brushes).length > 0;",
      "    for (var j = 0; j < pending.length; j++) {",
      "      var r = pending[j].getAttribute('data-row');",
      "      if (!svg.querySelector('path.run[data-row=\"' + r + '\"]')) { pending[j].style.display = any ? 'none' : ''; }",
      "    }",
      "  }",
      "  if (svg) {",
      "    var axes = svg.querySelectorAll('g.axis');",
      "    axes.forEach(function (g) {",
      "      var area = g.querySelector('rect.brush-area'), shown = g.querySelector('rect.brush');",
      "      var index = g.getAttribute('data-index'), start = null;",
      "      function y(e) { var box = svg.getBoundingClientRect(); return (e.clientY - box.top) * svg.viewBox.baseVal.height / box.height; }",
      "      area.addEventListener('mousedown', function (e) { start = y(e); e.preventDefault(); });",
      "      window.addEventListener('mousemove', function (e) {",
      "        if (start === null) { return; }",
      "        var now = y(e); shown.setAttribute('y', Math.min(start, now)); shown.setAttribute('height', Math.abs(now - start));",
      "      });",
      "      window.addEventListener('mouseup', function (e) {",
      "        if (start === null) { return; }",
      "        var end = y(e);",
      "        if (Math.abs(end - start) < 3) { delete brushes[index]; shown.setAttribute('height', 0); }",
      "        else { brushes[index] = [Math.min(start, end), Math.max(start, end)]; }",
      "        start = null; apply();",
      "      });",
      "    });",
      "  }",
      "  var pick = document.getElementById('curve-metric');",
      "  if (pick) {",
      "    pick.addEventListener('change', function () {",
      "      document.querySelectorAll('#curves g.metric').forEach(function (g) {",
      "        g.style.display = g.getAttribute('data-metric') === pick.value ? '' : 'none';",
      "      });",
      "    });",
      "  }",
      "})();",
      "");

  static double niceStep(double raw) {
    if (!(raw > 0) || Double.isInfinite(raw)) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
  }

  private static String tick(double y, double step) {
    double mag = Math.floor(Math.log10(step));
    boolean quarter = Math.abs(step / Math.pow(10, mag) - 2.5) < 1e-9;
    int decimals = (int) Math.max(0, -mag + (quarter ? 1 : 0));
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", Math.abs(y) < step / 1e6 ? 0.0 : y);
  }

  private static String line(double x1, double y1, double x2, double y2, String color, double width) {
    return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
        + "\" stroke=\"" + color + "\" stroke-width=\"" + fmt(width) + "\"/>\n";
  }

  private static String text(double x, double y, String anchor, int size, String weight, String s) {
    return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
        + "\" font-weight=\"" + weight + "\" fill=\"#333\">" + esc(s) + "</text>\n";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Escapes text for HTML and SVG content and attribute values; control and bidi characters first as
   * {@link Printable} writes them.
   */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : Printable.escape(s).toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
