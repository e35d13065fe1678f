package dev.hyper.runtime.results;

import static dev.hyper.runtime.results.ResultsHtml.esc;

import dev.hyper.runtime.results.SweepResults.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiments with the metric (the {@link #LINES} best; the summary says when there are more) as one
 * line each across an axis per parameter and one for the metric, coloured by the metric (viridis, best
 * yellow); the best drawn last. A parameter with few values gets
 * them spaced evenly in grid order; one with many numbers (random search) a linear or, when they span
 * more than two decades, a log scale; one whose experiments are grouped by ranges ({@link ParamColumns}) its
 * own numbers on such a scale. The page's brushing script reads each line's y on every axis from
 * its path; without scripts it is a static picture.
 */
final class ParallelCoordinates {
  static final int H = 330;
  static final int TOP = 30;
  static final int BOTTOM = 54;
  static final int GAP = 130;
  static final int SIDE = 70;
  private static final int CATEGORICAL = 30;
  /** The most experiments drawn, the best: a page of more lines is no clearer, only larger. */
  static final int LINES = 2000;

  private ParallelCoordinates() {}

  /** One axis: where a value goes on it (y), and its tick labels. */
  private interface Axis {
    double y(String text, Double number);

    List<Map.Entry<String, Double>> ticks();
  }

  static void svg(StringBuilder sb, SweepResults r) throws java.io.IOException {
    RankedRows ranked = r.ranked();
    List<Row> rows = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int measured = 0;
    for (int i = 0; i < ranked.size(); i++) {
      if (!Double.isNaN(ranked.metric(i))) {
        measured++;
        if (rows.size() < LINES) {
          rows.add(ranked.row(i));
          index.add(i);
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>(r.params());
    List<Axis> axes = new ArrayList<>();
    for (int j = 0; j < r.params().size(); j++) {
      ParamColumns.Range range = ranked.range(j);
      axes.add(range != null ? numeric(range.lo(), range.hi(), range.log())
          : axis(r.params().get(j), r.axisValues().get(r.params().get(j)), rows));
    }
    double lo = rows.stream().mapToDouble(Row::metric).min().orElse(0);
    double hi = rows.stream().mapToDouble(Row::metric).max().orElse(1);
    axes.add(numeric(lo, hi, false));
    names.add(r.metric());
    int width = SIDE + GAP * (names.size() - 1) + SIDE + 50;        // room for the metric axis title
    sb.append("<h2>Parallel coordinates</h2>\n<p class=\"summary\">Each line an experiment, coloured by ")
        .append(esc(r.metric())).append(" (yellow best, purple worst). Drag along an axis to keep only the"
            + " experiments in that range (the table follows); click the axis to clear it.");
    if (rows.size() < measured) {
      sb.append(" The ").append(rows.size()).append(" best of the ").append(measured).append(" experiments with ")
          .append(esc(r.metric())).append(" are drawn; brushing hides the others' table rows.");
    }
    sb.append("</p>\n");
    sb.append("<svg id=\"parcoords\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(width).append(' ').append(H)
        .append("\" data-axes=\"").append(names.size()).append("\">\n");
    int best = 0;                                          // rows are ranked: the first with the metric is the best
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.get(k);
      StringBuilder d = new StringBuilder();
      for (int a = 0; a < axes.size(); a++) {
        double y = a < r.params().size() ? axes.get(a).y(row.param(names.get(a)), number(row.param(names.get(a))))
            : axes.get(a).y(null, row.metric());
        d.append(a == 0 ? "M" : " L").append(fmt(SIDE + GAP * a)).append(',').append(fmt(y));
      }
      double t = hi - lo < 1e-300 ? 1 : (row.metric() - lo) / (hi - lo);
      String color = Colors.at(r.lowerIsBetter() ? 1 - t : t);
      String title = rows.size() <= ResultsHtml.TITLED || k == best ? "<title>" + esc(row.id() + " trial " + row.trial()
          + ": " + ResultsText.format(row.metric()) + " (" + row.describeParams() + ")") + "</title>" : "";
      lines.add("<path class=\"run" + (k == best ? " best" : "") + "\" data-row=\"" + index.get(k) + "\" d=\"" + d
          + "\" stroke=\"" + color + "\">" + title + "</path>\n");
    }
    for (int k = lines.size() - 1; k >= 0; k--) {           // the best drawn last, on top
      sb.append(lines.get(k));
    }
    for (int a = 0; a < axes.size(); a++) {
      double x = SIDE + GAP * a;
      boolean metric = a == axes.size() - 1;
      sb.append("<g class=\"axis\" data-param=\"").append(esc(names.get(a))).append('"')
          .append(metric ? " data-metric=\"true\"" : "").append(" data-index=\"").append(a).append("\">\n");
      sb.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(fmt(x))
          .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#444\" stroke-width=\"1.2\"/>\n");
      for (Map.Entry<String, Double> tick : axes.get(a).ticks()) {
        sb.append("<text x=\"").append(fmt(x - 6)).append("\" y=\"").append(fmt(tick.getValue() + 4))
            .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">").append(esc(tick.getKey())).append("</text>\n");
      }
      sb.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(H - BOTTOM + 20 + (a % 2) * 16)
          .append("\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#222\">")
          .append(esc(names.get(a))).append("</text>\n");
      sb.append("<rect class=\"brush-area\" x=\"").append(fmt(x - 9)).append("\" y=\"").append(TOP).append("\" width=\"18\"")
          .append(" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"#000\" fill-opacity=\"0.02\" style=\"cursor:ns-resize\"/>\n");
      sb.append("<rect class=\"brush\" x=\"").append(fmt(x - 7)).append("\" y=\"0\" width=\"14\" height=\"0\"")
          .append(" fill=\"#1f6feb\" fill-opacity=\"0.25\" stroke=\"#1f6feb\" pointer-events=\"none\"/>\n");
      sb.append("</g>\n");
    }
    sb.append("</svg>\n");
  }

  private static Double number(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Axis axis(String param, List<String> values, List<Row> rows) {
    boolean numeric = values.stream().allMatch(v -> number(v) != null);
    if (values.size() <= CATEGORICAL || !numeric) {
      List<String> shown = values.size() <= CATEGORICAL ? values
          : rows.stream().map(row -> row.param(param)).distinct().sorted().toList();
      return categorical(shown);
    }
    double lo = values.stream().mapToDouble(Double::parseDouble).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::parseDouble).max().orElse(1);
    return numeric(lo, hi, lo > 0 && hi / lo > 100);
  }

  private static Axis categorical(List<String> values) {
    Map<String, Double> at = new LinkedHashMap<>();
    double span = H - TOP - BOTTOM;
    for (int i = 0; i < values.size(); i++) {
      at.put(values.get(i), values.size() == 1 ? TOP + span / 2 : H - BOTTOM - span * i / (values.size() - 1));
    }
    return new Axis() {
      @Override
      public double y(String text, Double number) {
        return at.getOrDefault(text, (double) TOP);
      }

      @Override
      public List<Map.Entry<String, Double>> ticks() {
        List<Map.Entry<String, Double>> t = new ArrayList<>(at.entrySet());
        return t.size() <= 12 ? t : t.subList(0, 12);
      }
    };
  }

  private static Axis numeric(double lo, double hi, boolean log) {
    double a = log ? Math.log10(lo) : lo;
    double b = log ? Math.log10(hi) : hi;
    double l = b - a < 1e-300 ? a - 0.5 : a;
    double h = b - a < 1e-300 ? b + 0.5 : b;
    double span = H - TOP - BOTTOM;
    return new Axis() {
      @Override
      public double y(String text, Double number) {
        double v = number == null ? l : log ? Math.log10(number) : number;
        return H - BOTTOM - span * (v - l) / (h - l);
      }

      @Override
      public List<Map.Entry<String, Double>> ticks() {
        List<Map.Entry<String, Double>> t = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
          double v = l + (h - l) * i / 4;
          t.add(Map.entry(ResultsText.format(log ? Math.pow(10, v) : v), H - BOTTOM - span * i / 4));
        }
        return t;
      }
    };
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
