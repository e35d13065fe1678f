package dev.hyper.runtime.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import dev.hyper.runtime.run.StepLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page of a large sweep draws the best experiments, a bounded number, and says how many it leaves out. */
class ResultsPageBoundsTest {
  @TempDir Path tmp;

  private static SweepResults results(int n) throws Exception {
    return results(n, 0);
  }

  /** {@code n} DONE experiments, then {@code pending} PENDING ones. */
  private static SweepResults results(int n, int pending) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {                                  // ranked: the best (highest) first
      double lr = 0.1 * (n - i);
      rows.add(new Row(i, String.format("%012x", i), 0, List.of(new Tla("lr", lr, Param.Kind.DOUBLE)), Status.DONE,
          lr, new PointStats(1, 1, lr, null, lr, lr), false));
    }
    for (int i = n; i < n + pending; i++) {
      rows.add(new Row(i, String.format("%012x", i), 0, List.of(new Tla("lr", 0.05, Param.Kind.DOUBLE)),
          Status.PENDING, null, new PointStats(1, 0, null, null, null, null), false));
    }
    return new SweepResults("s", Ranking.of(dev.hyper.runtime.TestSweeps.builder("s").build(), "acc", "max"),
        List.of("lr"), Map.of("lr", rows.stream().map(r -> r.param("lr")).toList()), rows, List.of());
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theParallelCoordinatesDrawTheBestLinesAndSaySo() throws Exception {
    String few = ResultsHtml.page(results(ParallelCoordinates.LINES));
    assertEquals(ParallelCoordinates.LINES, count(few, "<path class=\"run"));
    assertFalse(few.contains("best of the"), "all drawn: no note");
    String many = ResultsHtml.page(results(ParallelCoordinates.LINES + 500));
    assertEquals(ParallelCoordinates.LINES, count(many, "<path class=\"run"));
    assertTrue(many.contains(" The 2000 best of the 2500 experiments with acc are drawn; brushing hides the others'"
        + " table rows.</p>"), "the note");
    assertEquals(2500, count(many, "<tr data-row="), "the table has every experiment (fewer than TABLE_ROWS)");
    assertEquals(0, count(many, "<path class=\"run\" data-row=\"(2000|2499)\""), "the worst are left out");
    assertEquals(1, count(many, "<path class=\"run best\" data-row=\"0\""));
  }

  @Test
  void theTableListsTheBestExperimentsAndSaysWhatItLeavesOut() throws Exception {
    String all = ResultsHtml.page(results(ResultsHtml.TABLE_ROWS - 2, 2));
    assertEquals(ResultsHtml.TABLE_ROWS, count(all, "<tr data-row="));
    assertFalse(all.contains("<tr class=\"more\">"), "every row listed: no note");
    String page = ResultsHtml.page(results(ResultsHtml.TABLE_ROWS + 1, 2));
    assertEquals(ResultsHtml.TABLE_ROWS, count(page, "<tr data-row="));
    assertEquals(0, count(page, "<tr data-row=\"" + ResultsHtml.TABLE_ROWS + "\""), "the 10,001st is left out");
    assertTrue(page.contains("<tr class=\"more\"><td colspan=\"6\">... and 3 more experiments, not listed here"
        + " (1 DONE, 2 PENDING); results --csv FILE lists every one</td></tr>"), "the note");
  }

  @Test
  void theLearningCurvesAreTheBestWithAStepLog() throws Exception {
    int n = LearningCurves.CURVES + 120;                          // a seventh without a log: 531 with one
    SweepResults r = results(n);
    for (int i = 0; i < n; i++) {
      if (i % 7 == 3) {
        continue;                                                  // no step log
      }
      Path dir = tmp.resolve(Layout.serializationDir("s", String.format("%012x", i), 0));
      StepLog.append(dir, 1, "t", Map.of("loss", 1.0 + i));
      StepLog.append(dir, 2, "t", Map.of("loss", 0.5 + i));
    }
    LearningCurves.Curves curves = LearningCurves.read(r, tmp);
    assertEquals(LearningCurves.CURVES, curves.rows().size());
    assertTrue(curves.more());
    assertFalse(curves.rows().containsKey(3), "rank 3 has no log");
    assertTrue(curves.rows().containsKey(4));
    String page = ResultsHtml.page(r, tmp);
    assertTrue(page.contains("(500 experiments, the best that have a step log: more have one; the 5 best by acc"),
        page.substring(page.indexOf("Learning curves"), page.indexOf("Learning curves") + 300));
    assertEquals(LearningCurves.CURVES, count(page, "<g class=\"curve"));
  }
}
