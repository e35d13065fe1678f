package dev.hyper.runtime.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import dev.hyper.runtime.run.StepLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's parallel coordinates and learning curves hold what the rows say. */
class ResultsPageTest {
  private static SweepResults results(int n) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {                                  // ranked: the best (highest) first
      double lr = 0.1 * (n - i);
      rows.add(new Row(i, String.format("%012x", i), 0, List.of(new Tla("lr", lr, Param.Kind.DOUBLE)), Status.DONE,
          lr, new PointStats(1, 1, lr, 0.0, lr, lr), false));
    }
    return new SweepResults("s", Ranking.of(dev.hyper.runtime.TestSweeps.builder("s").build(), "acc", "max"),
        List.of("lr"), Map.of("lr", rows.stream().map(r -> r.param("lr")).toList()), rows, List.of());
  }

  @Test
  void everyExperimentIsOneLineColouredByItsMetricTheBestLastAndAlignedWithItsTableRow() throws Exception {
    SweepResults r = results(8);
    String page = ResultsHtml.page(r);
    Matcher m = Pattern.compile("<path class=\"run( best)?\" data-row=\"(\\d+)\"[^>]*stroke=\"(#[0-9a-f]{6})\"")
        .matcher(page);
    List<String> rows = new ArrayList<>();
    String lastColor = null;
    String lastClass = null;
    while (m.find()) {
      rows.add(m.group(2));
      lastColor = m.group(3);
      lastClass = m.group(1);
    }
    assertEquals(8, rows.size());
    assertEquals("0", rows.get(rows.size() - 1), "the best drawn last");
    assertEquals(" best", lastClass);
    assertEquals(Colors.at(1), lastColor, "the best is the scale's best colour");
    for (String row : rows) {
      assertTrue(page.contains("<tr data-row=\"" + row + "\""), row);
    }
    assertTrue(page.contains("<g class=\"axis\" data-param=\"acc\" data-metric=\"true\""), "the metric's axis");
  }

  @Test
  void curvesAreDownsampledAndOneChartPerLoggedMetric() throws Exception {
    SweepResults r = results(3);
    List<StepLog.Step> steps = new ArrayList<>();
    for (int s = 0; s < 1000; s++) {
      steps.add(new StepLog.Step(s, "", Map.of("loss", 1.0 / (s + 1), "acc", s / 1000.0)));
    }
    String page = ResultsHtml.page(r, Map.of(0, steps, 2, steps));
    assertEquals(4, count(page, "<g class=\"curve top\" data-row=\"(0|2)\">"), "two experiments, two metrics");
    String acc = page.substring(page.indexOf("<g class=\"metric\" data-metric=\"acc\">"));
    assertEquals(2, count(acc.substring(0, acc.indexOf("</g>\n</g>")), "<g class=\"curve top\" data-row="));
    assertTrue(page.contains("<g class=\"metric\" data-metric=\"acc\">"), "the sweep's metric is shown first");
    assertTrue(page.contains("<g class=\"metric\" data-metric=\"loss\" style=\"display:none\">"));
    assertTrue(page.contains("step (log y): loss"), "1/(s+1) spans three decades: a log axis");
    assertEquals(200, LearningCurves.downsample(steps.stream().map(s -> new double[] {s.step(), 0}).toList(), 200)
        .size());
    assertEquals(999.0, LearningCurves.downsample(steps.stream().map(s -> new double[] {s.step(), 0}).toList(), 200)
        .get(199)[0], "the last point kept");
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
