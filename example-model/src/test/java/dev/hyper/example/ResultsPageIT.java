package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyper.example.Experiments.Exp;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of {@code results --html} in headless Chromium, driven through the DevTools protocol ({@link Chromium}):
 * a sweep where five fast points trained, one failed after logging a few steps, and the rest are pending. The
 * page loads without a console error; dragging on the metric's axis of the parallel coordinates hides exactly
 * the table rows outside the dragged range, and a click clears it; a screenshot shows the best experiment's line
 * where its path is, in its colour; the learning curves draw one curve per experiment that logged steps, for
 * each metric picked.
 *
 * <p>Without Chromium the test is skipped, except in CI, where it fails ({@link Required}).
 * With {@code -Dhyper.screenshot=PATH} it also writes a screenshot of the whole page to PATH, a PNG 1400 CSS
 * pixels wide (a relative PATH is resolved against the root of the git checkout, e.g.
 * {@code -Dhyper.screenshot=docs/results-page.png}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsPageIT {
  private static final String METRIC = "best_validation_accuracy";
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 2000;

  @TempDir static Path dir;

  private Path html;
  private Chromium chromium;
  /** Ids of the experiments with a metrics.jsonl (step metrics). */
  private final Set<String> stepLogged = new TreeSet<>();
  private int since;

  @BeforeAll
  void trainSomeAndOpenThePage() throws Exception {
    String executable = Chromium.find();
    Required.that(executable != null, "chromium is not installed");
    Experiments.sweep(dir);
    for (double lr : new double[] {0.001, 0.0001, 0.00001}) {
      for (double dropout : new double[] {0.2, 0.5}) {
        Exp e = Experiments.find(dir, new RnnParams(lr, dropout, 100, 1));
        if (lr == 0.00001 && dropout == 0.5) {
          SmallSweep.breakTraining(e);                // trains, logs its steps, then cannot write metrics.json
          assertEquals(1, e.run().exitCode());
        } else {
          ModelJar.Result r = e.run();
          assertEquals(0, r.exitCode(), r.toString());
        }
      }
    }
    try (Stream<Path> files = Files.walk(dir.resolve("model/generated/rnn"))) {
      files.filter(f -> f.getFileName().toString().equals("metrics.jsonl"))
          .forEach(f -> stepLogged.add(f.getParent().getParent().getFileName().toString()));
    }
    assertEquals(6, stepLogged.size(), stepLogged.toString());

    html = dir.resolve("results.html");
    ModelJar.Result r = ModelJar.run(dir, "results", "rnn", "--html", html.toString());
    assertEquals(0, r.exitCode(), r.toString());
    chromium = Chromium.start(executable, Files.createDirectories(dir.resolve("chromium-profile")), WIDTH, HEIGHT);
  }

  @AfterAll
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  /** Each test starts from a freshly loaded page, and no test may leave a console error behind. */
  @BeforeEach
  void load() throws Exception {
    since = chromium.eventCount();
    chromium.navigate(html.toUri().toString());
    // two animation frames: whatever the page's script does on load has run and painted
    chromium.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
  }

  private void assertNoConsoleErrors() throws Exception {
    chromium.eval("new Promise(r => setTimeout(() => r(true), 50))");
    List<String> errors = chromium.errors(since);
    assertTrue(errors.isEmpty(), "console errors: " + String.join("\n", errors));
  }

  @Test
  void loadsWithoutAConsoleErrorAndDrawsBothChartsFromTheFileItself() throws Exception {
    assertEquals("complete", chromium.eval("document.readyState").asText());
    assertEquals(72, chromium.eval("document.querySelectorAll('tr[data-row]').length").asInt());
    assertEquals(5, chromium.eval("document.querySelectorAll('#parcoords path.run').length").asInt(),
        "a line per experiment with the metric");
    assertEquals(1, chromium.eval("document.querySelectorAll('#parcoords path.run.best').length").asInt());
    assertEquals(Boolean.TRUE, chromium.eval("(() => { const runs = document.querySelectorAll('#parcoords path.run');"
        + " return runs[runs.length - 1].classList.contains('best'); })()").asBoolean(), "the best line is drawn last");
    JsonNode axes = chromium.eval("[...document.querySelectorAll('#parcoords g.axis')].map(g =>"
        + " [g.getAttribute('data-param'), g.getAttribute('data-metric')])");
    assertEquals("[[\"lr\",null],[\"dropout\",null],[\"hidden_dim\",null],[\"n_hidden_layers\",null],"
        + "[\"" + METRIC + "\",\"true\"]]", axes.toString());
    assertEquals(axes.size(), chromium.eval("document.querySelectorAll('#parcoords g.axis rect.brush-area').length")
        .asInt(), "a brush area on every axis");
    assertEquals(1, chromium.eval("document.querySelectorAll('select#curve-metric').length").asInt());

    // With scripts off the page is the same picture: the lines and curves are in the file, not made by a script.
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertEquals(5, count(page, "<path[^>]*\\sclass=\"run[\" ]"), "lines in the file");
    assertTrue(count(page, "<g[^>]*\\sclass=\"curve[\" ]") >= 6, "curves in the file");
    assertFalse(page.matches("(?s).*<(script|link|img|iframe)[^>]*\\s(src|href)\\s*=.*"), "nothing loaded from elsewhere");
    assertNoConsoleErrors();
  }

  @Test
  void brushingTheMetricAxisHidesTheRowsOutsideTheRangeAndAClickClearsIt() throws Exception {
    int rows = chromium.eval("document.querySelectorAll('tr[data-row]').length").asInt();
    Map<String, Double> metricByRow = tableMetric();
    assertEquals(5, metricByRow.size(), metricByRow.toString());

    JsonNode area = brushArea("g.axis[data-metric=\"true\"]");
    double x = area.get("x").asDouble();
    double top = area.get("top").asDouble();
    double bottom = area.get("bottom").asDouble();
    assertTrue(bottom - top > 100, "the metric axis is tall: " + area);

    // Where each line meets the metric axis (its last point), in viewport pixels: a straight map of the metric.
    Map<String, Double> yByRow = new HashMap<>();
    for (JsonNode end : chromium.eval("[...document.querySelectorAll('#parcoords path.run')].map(p => {"
        + " const q = p.getPointAtLength(p.getTotalLength()).matrixTransform(p.getScreenCTM());"
        + " return [p.getAttribute('data-row'), q.x, q.y]; })")) {
      assertEquals(x, end.get(1).asDouble(), 3, "line of row " + end.get(0) + " ends on the metric axis");
      yByRow.put(end.get(0).asText(), end.get(2).asDouble());
    }
    assertEquals(metricByRow.keySet(), yByRow.keySet(), "a line for every row with the metric, with its data-row");
    double[] fit = fit(metricByRow, yByRow);
    for (String row : yByRow.keySet()) {
      assertEquals(yByRow.get(row), fit[0] + fit[1] * metricByRow.get(row), 1.5,
          "row " + row + "'s line meets the metric axis where its metric " + metricByRow.get(row) + " is");
    }

    // Drag over the upper half of the axis.
    double y0 = top + 1;
    double y1 = top + (bottom - top) / 2;
    chromium.drag(x, y0, y1, 8);
    double vA = (y0 - fit[0]) / fit[1];
    double vB = (y1 - fit[0]) / fit[1];
    double lo = Math.min(vA, vB);
    double hi = Math.max(vA, vB);
    double slack = 2 / Math.abs(fit[1]);              // two pixels' worth of metric: where the mouse events land

    Set<String> visible = visibleRows();
    assertFalse(visible.isEmpty(), "the brush keeps the rows in [" + lo + ", " + hi + "]: " + metricByRow);
    assertTrue(visible.size() < metricByRow.size(), "the brush hides some rows: " + visible + " of " + metricByRow);
    for (String row : visible) {
      Double m = metricByRow.get(row);
      assertNotNull(m, "row " + row + " without the metric stays visible");
      assertTrue(m >= lo - slack && m <= hi + slack, "visible row " + row + ": " + m + " in [" + lo + ", " + hi + "]");
    }
    for (Map.Entry<String, Double> e : metricByRow.entrySet()) {
      boolean inside = e.getValue() >= lo + slack && e.getValue() <= hi - slack;
      boolean outside = e.getValue() < lo - slack || e.getValue() > hi + slack;
      if (inside) {
        assertTrue(visible.contains(e.getKey()), "row " + e.getKey() + " (" + e.getValue() + ") is in the range");
      }
      if (outside) {
        assertFalse(visible.contains(e.getKey()), "row " + e.getKey() + " (" + e.getValue() + ") is outside");
      }
      boolean filtered = chromium.eval("document.querySelector('#parcoords path.run[data-row=\"" + e.getKey()
          + "\"]').classList.contains('filtered')").asBoolean();
      assertEquals(!visible.contains(e.getKey()), filtered, "line of row " + e.getKey() + " is filtered iff hidden");
    }
    assertEquals(visible.size(), chromium.eval("document.querySelectorAll('tr[data-row]:not([style*=\"none\"])').length").asInt());

    // A click without a drag clears the brush.
    chromium.click(x, (top + bottom) / 2);
    assertEquals(rows, visibleRows().size(), "all rows again");
    assertEquals(0, chromium.eval("document.querySelectorAll('#parcoords path.run.filtered').length").asInt());
    assertNoConsoleErrors();
  }

  @Test
  void aScreenshotShowsTheBestLineWhereItsPathIsInItsColour() throws Exception {
    JsonNode info = chromium.eval("(() => { const svg = document.getElementById('parcoords');"
        + " svg.scrollIntoView({block: 'center'});"
        + " const b = svg.getBoundingClientRect(), best = svg.querySelector('path.run.best');"
        + " const runs = [...svg.querySelectorAll('path.run')];"
        + " const colour = p => getComputedStyle(p).stroke;"
        + " const opacity = p => Number(getComputedStyle(p).strokeOpacity) * Number(getComputedStyle(p).opacity);"
        + " const len = best.getTotalLength(), pts = [];"
        + " for (let l = 0; l <= len; l += 3) { const q = best.getPointAtLength(l).matrixTransform(best.getScreenCTM());"
        + "   pts.push([q.x - b.left, q.y - b.top]); }"
        + " const axes = [...svg.querySelectorAll('g.axis rect.brush-area')].map(r => {"
        + "   const a = r.getBoundingClientRect(); return [a.left - b.left, a.right - b.left]; });"
        + " return {x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height, row: best.getAttribute('data-row'),"
        + "   d: best.getAttribute('d'), stroke: colour(best), opacity: opacity(best), points: pts, axes: axes,"
        + "   strokes: runs.map(colour) }; })()");
    assertEquals(bestRowOfTable(), info.get("row").asText(), "the best line is the table's best row");
    Matcher start = Pattern.compile("^\\s*M\\s*([-0-9.e]+)[ ,]+([-0-9.e]+)").matcher(info.get("d").asText());
    assertTrue(start.find(), "the best line's path starts with a move: " + info.get("d"));
    JsonNode first = info.get("points").get(0);

    int[] stroke = rgb(info.get("stroke").asText());
    double opacity = info.get("opacity").asDouble();
    int[] expected = new int[3];
    for (int c = 0; c < 3; c++) {
      expected[c] = (int) Math.round(opacity * stroke[c] + (1 - opacity) * 255);   // over the chart's light background
    }
    Set<String> colours = new HashSet<>();
    for (JsonNode s : info.get("strokes")) {
      colours.add(s.asText());
    }
    assertTrue(colours.size() >= 3, "lines are coloured by the metric: " + info.get("strokes"));
    assertTrue(opacity > 0.3, "the best line is visible: opacity " + opacity);
    // Coloured by the metric: the runner-up's colour is nearer the best's than the worst's is.
    Map<String, Double> metric = tableMetric();
    List<String> ranked = metric.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(Map.Entry::getKey).toList();
    int[] second = rgb(chromium.eval(strokeOfRow(ranked.get(1))).asText());
    int[] worst = rgb(chromium.eval(strokeOfRow(ranked.get(ranked.size() - 1))).asText());
    assertTrue(distance(stroke, second) < distance(stroke, worst), "colour by metric: best " + info.get("stroke")
        + ", runner-up " + List.of(second[0], second[1], second[2]) + ", worst " + List.of(worst[0], worst[1], worst[2]));

    BufferedImage image = chromium.screenshot(info.get("x").asDouble(), info.get("y").asDouble(),
        info.get("w").asDouble(), info.get("h").asDouble());
    assertEquals(Math.round(info.get("w").asDouble()), image.getWidth(), 1);
    // The first point sits on the first axis, under its line and brush area: look a few pixels along the line,
    // and along the whole line for most of it (other lines cross it; it is drawn last but may be translucent).
    int near = -1;
    for (int i = 1; i < Math.min(6, info.get("points").size()); i++) {
      JsonNode p = info.get("points").get(i);
      if (!onAnAxis(info.get("axes"), p.get(0).asDouble()) && closest(image, p, expected) <= 48) {
        near = i;
        break;
      }
    }
    assertTrue(near > 0, "the best line's colour " + info.get("stroke") + " (seen as " + List.of(expected[0],
        expected[1], expected[2]) + ") next to its first point " + first + ": nearest "
        + closest(image, info.get("points").get(1), expected));
    int sampled = 0;
    int matching = 0;
    for (JsonNode p : info.get("points")) {
      if (onAnAxis(info.get("axes"), p.get(0).asDouble())) {
        continue;
      }
      sampled++;
      if (closest(image, p, expected) <= 48) {
        matching++;
      }
    }
    assertTrue(sampled > 50 && matching > sampled * 0.8, "the best line is drawn along its path: " + matching
        + " of " + sampled + " points");
    // ... and nothing of that colour where the line is not: a band well above and below its first point.
    JsonNode away = info.get("points").get(Math.min(10, info.get("points").size() - 1));
    assertTrue(image.getHeight() > 60, "a chart of some height");
    int misses = 0;
    for (double dy : new double[] {-25, 25}) {
      double py = away.get(1).asDouble() + dy;
      if (py > 2 && py < image.getHeight() - 2
          && closest(image, away.get(0).asDouble(), py, expected) > 48) {
        misses++;
      }
    }
    assertTrue(misses >= 1, "the colour is not everywhere around the line");

    String shot = System.getProperty("hyper.screenshot");
    if (shot != null && !shot.isBlank()) {
      JsonNode size = chromium.eval("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})");
      Path out = repositoryRoot().resolve(shot);
      Files.createDirectories(out.getParent());
      Files.write(out, chromium.screenshotPng(0, 0, size.get("w").asDouble(), size.get("h").asDouble()));
    }
    assertNoConsoleErrors();
  }

  @Test
  void eachPickedCurveMetricDrawsOneCurvePerExperimentWithStepMetrics() throws Exception {
    JsonNode options = chromium.eval("[...document.querySelectorAll('#curve-metric option')].map(o => o.value)");
    Set<String> metrics = new TreeSet<>();
    options.forEach(o -> metrics.add(o.asText()));
    assertEquals(Set.of("epoch", "train_loss", "validation_accuracy", "validation_loss"), metrics, "the logged metrics");
    Map<String, String> idByRow = tableColumn("id");
    Map<String, String> pathsBefore = null;
    for (String metric : metrics) {
      chromium.eval("(() => { const s = document.getElementById('curve-metric'); s.value = '" + metric + "';"
          + " s.dispatchEvent(new Event('input', {bubbles: true}));"
          + " s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()");
      chromium.eval("new Promise(r => requestAnimationFrame(() => r(true)))");
      JsonNode drawn = chromium.eval("(() => { " + SHOWN + "return [...document.querySelectorAll('#curves g.curve')]"
          + ".filter(shown).map(g => [g.getAttribute('data-row'), [...g.querySelectorAll('path')]"
          + ".map(p => p.getAttribute('d')).join(' ')]); })()");
      Set<String> ids = new TreeSet<>();
      Map<String, String> paths = new HashMap<>();
      for (JsonNode curve : drawn) {
        String row = curve.get(0).asText();
        String id = idByRow.get(row);
        assertNotNull(id, metric + ": curve of row " + row + ", a row of the table");
        assertTrue(ids.add(id), metric + ": one curve per experiment, " + id + " twice");
        assertTrue(curve.get(1).asText().matches("(?s).*M.*L.*"), metric + ": curve of " + id + " is a line");
        paths.put(id, curve.get(1).asText());
      }
      assertEquals(stepLogged, ids, metric + ": a curve for each experiment with a metrics.jsonl");
      if (pathsBefore != null) {
        assertNotEquals(pathsBefore, paths, "picking " + metric + " draws other curves");
      }
      pathsBefore = paths;
    }
    assertNoConsoleErrors();
  }

  @Test
  void brushesOnTwoAxesKeepTheRowsInsideBothAndEachClearsAlone() throws Exception {
    Map<String, Double> metricByRow = tableMetric();
    JsonNode lr = brushArea("g.axis[data-param=\"lr\"]");
    JsonNode metric = brushArea("g.axis[data-metric=\"true\"]");
    Map<String, Double> atLr = linesAt(lr.get("x").asDouble());
    Map<String, Double> atMetric = linesAt(metric.get("x").asDouble());
    assertEquals(metricByRow.keySet(), atLr.keySet());

    // On lr: a band of ten pixels around the best line, which holds the lines of its learning rate. The line may
    // sit at an end of the axis: the drag starts inside the brush area and may end past it, as a user's does.
    String best = bestRowOfTable();
    double lrY = atLr.get(best);
    double[] lrBand = {lrY - 5, lrY + 5};
    double[] metricBand = {metric.get("top").asDouble() + 1,
        (metric.get("top").asDouble() + metric.get("bottom").asDouble()) / 2};
    boolean down = lrY - 5 > lr.get("top").asDouble();
    chromium.drag(lr.get("x").asDouble(), down ? lrBand[0] : lrBand[1], down ? lrBand[1] : lrBand[0], 5);
    Set<String> inLr = within(atLr, lrBand);
    assertEquals(inLr, visibleRows(), "the lr brush keeps the lines through it");
    assertTrue(inLr.contains(best) && inLr.size() < metricByRow.size(), inLr.toString());

    chromium.drag(metric.get("x").asDouble(), metricBand[0], metricBand[1], 5);
    Set<String> both = new TreeSet<>(inLr);
    both.retainAll(within(atMetric, metricBand));
    assertEquals(both, visibleRows(), "two brushes keep the rows inside both");

    chromium.click(lr.get("x").asDouble(), (lr.get("top").asDouble() + lr.get("bottom").asDouble()) / 2);
    assertEquals(within(atMetric, metricBand), visibleRows(), "clearing lr leaves the metric's brush");
    chromium.click(metric.get("x").asDouble(), metricBand[1] + 20);
    assertEquals(72, visibleRows().size(), "clearing both shows every row");
    assertNoConsoleErrors();
  }

  /** The centre x and the top and bottom (viewport pixels) of the brush area of the axis {@code selector}. */
  private JsonNode brushArea(String selector) throws Exception {
    return chromium.eval("(() => { const svg = document.getElementById('parcoords');"
        + " svg.scrollIntoView({block: 'center'});"
        + " const b = svg.querySelector('" + selector + " rect.brush-area').getBoundingClientRect();"
        + " return {x: b.left + b.width / 2, top: b.top, bottom: b.bottom}; })()");
  }

  /** Where each line crosses the vertical at viewport x, by data-row (bisecting along the path, drawn left to right). */
  private Map<String, Double> linesAt(double x) throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode p : chromium.eval("[...document.querySelectorAll('#parcoords path.run')].map(p => {"
        + " const m = p.getScreenCTM(), at = l => p.getPointAtLength(l).matrixTransform(m);"
        + " let lo = 0, hi = p.getTotalLength();"
        + " for (let i = 0; i < 40; i++) { const mid = (lo + hi) / 2; if (at(mid).x < " + x + ") lo = mid; else hi = mid; }"
        + " const q = at(lo); return [p.getAttribute('data-row'), q.x, q.y]; })")) {
      assertEquals(x, p.get(1).asDouble(), 1.5, "line of row " + p.get(0) + " reaches x " + x);
      out.put(p.get(0).asText(), p.get(2).asDouble());
    }
    return out;
  }

  private static Set<String> within(Map<String, Double> y, double[] band) {
    Set<String> out = new TreeSet<>();
    y.forEach((row, v) -> {
      if (v >= band[0] && v <= band[1]) {
        out.add(row);
      }
    });
    return out;
  }

  @Test
  void withScriptsOffThePageShowsTheSameChartsAsAStaticPicture() throws Exception {
    chromium.send("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    try {
      chromium.navigate(html.toUri().toString());
      assertEquals(5, chromium.eval("(() => { " + SHOWN
          + "return [...document.querySelectorAll('#parcoords path.run')].filter(shown).length; })()").asInt(),
          "every line drawn");
      String selected = chromium.eval("document.getElementById('curve-metric').value").asText();
      assertFalse(selected.isEmpty(), "a metric is picked in the file");
      JsonNode rows = chromium.eval("(() => { " + SHOWN
          + "return [...document.querySelectorAll('#curves g.curve')].filter(shown).map(g => g.getAttribute('data-row')); })()");
      assertEquals(stepLogged.size(), rows.size(), "one curve per experiment with step metrics, for " + selected
          + ": " + rows);
      assertEquals(72, visibleRows().size(), "every row");
    } finally {
      chromium.send("Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }
    assertNoConsoleErrors();
  }

  /** Where a relative {@code -Dhyper.screenshot} path is resolved: the git checkout (or worktree) holding the test. */
  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return here;
  }

  @Test
  void aScreenshotOfTheCurvesShowsTheBestExperimentsCurveHighlightedInItsColour() throws Exception {
    String best = bestRowOfTable();
    String failed = tableColumn("status").entrySet().stream().filter(e -> e.getValue().equals("FAILED"))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    JsonNode info = chromium.eval("(() => { " + SHOWN + "const svg = document.getElementById('curves');"
        + " svg.scrollIntoView({block: 'center'});"
        + " const b = svg.getBoundingClientRect();"
        + " const path = row => [...svg.querySelectorAll('g.curve[data-row=\"' + row + '\"]')].filter(shown)[0]"
        + "   .querySelector('path');"
        + " const p = path('" + best + "'), other = path('" + failed + "'), len = p.getTotalLength(), pts = [];"
        + " for (let l = 0; l <= len; l += 3) { const q = p.getPointAtLength(l).matrixTransform(p.getScreenCTM());"
        + "   pts.push([q.x - b.left, q.y - b.top]); }"
        + " const s = getComputedStyle(p);"
        + " return {x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height, stroke: s.stroke,"
        + "   opacity: Number(s.strokeOpacity) * Number(s.opacity), other: getComputedStyle(other).stroke,"
        + "   points: pts}; })()");
    int[] stroke = rgb(info.get("stroke").asText());
    int[] other = rgb(info.get("other").asText());
    assertTrue(distance(stroke, other) > 60, "the best experiment's curve " + info.get("stroke")
        + " is highlighted, not drawn like the failed one's " + info.get("other"));
    double opacity = info.get("opacity").asDouble();
    assertTrue(opacity > 0.3, "the best curve is visible: opacity " + opacity);
    int[] expected = new int[3];
    for (int c = 0; c < 3; c++) {
      expected[c] = (int) Math.round(opacity * stroke[c] + (1 - opacity) * 255);
    }
    BufferedImage image = chromium.screenshot(info.get("x").asDouble(), info.get("y").asDouble(),
        info.get("w").asDouble(), info.get("h").asDouble());
    int sampled = 0;
    int matching = 0;
    for (JsonNode pt : info.get("points")) {
      sampled++;
      if (closest(image, pt, expected) <= 48) {
        matching++;
      }
    }
    // The runner-up's curve runs close to the best's and is drawn over it in places: most, not all, points.
    assertTrue(sampled > 50 && matching > sampled * 0.5, "the best curve is drawn along its path in "
        + info.get("stroke") + ": " + matching + " of " + sampled + " points");
    assertNoConsoleErrors();
  }

  /** A JavaScript function {@code shown(el)}: rendered, not inside anything hidden. */
  private static final String SHOWN = "const shown = el => { for (let e = el; e && e.nodeType === 1; e = e.parentNode) {"
      + " const s = getComputedStyle(e); if (s.display === 'none' || s.visibility === 'hidden'"
      + " || Number(s.opacity) === 0) return false; } const b = el.getBoundingClientRect();"
      + " return b.width > 0 || b.height > 0; }; ";

  /** The metric of each table row that has one, by data-row, read from the cell under the metric's header. */
  private Map<String, Double> tableMetric() throws Exception {
    Map<String, Double> out = new HashMap<>();
    tableColumn(METRIC).forEach((row, text) -> {
      if (!text.isEmpty() && !text.equals("-")) {
        out.put(row, Double.parseDouble(text));
      }
    });
    return out;
  }

  /** The text of each table row's cell under the header {@code header}, by data-row. */
  private Map<String, String> tableColumn(String header) throws Exception {
    JsonNode cells = chromium.eval("(() => { const table = document.querySelector('tr[data-row]').closest('table');"
        + " const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());"
        + " const col = heads.indexOf('" + header + "');"
        + " return [...table.querySelectorAll('tr[data-row]')].map(tr => [tr.getAttribute('data-row'),"
        + "   col < 0 ? null : tr.cells[col].textContent.trim()]); })()");
    Map<String, String> out = new HashMap<>();
    for (JsonNode c : cells) {
      assertFalse(c.get(1).isNull(), "a column headed " + header);
      out.put(c.get(0).asText(), c.get(1).asText());
    }
    return out;
  }

  private String bestRowOfTable() throws Exception {
    Map<String, Double> m = tableMetric();
    return m.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private Set<String> visibleRows() throws Exception {
    Set<String> out = new TreeSet<>();
    chromium.eval("[...document.querySelectorAll('tr[data-row]')].filter(tr => getComputedStyle(tr).display !== 'none')"
        + ".map(tr => tr.getAttribute('data-row'))").forEach(r -> out.add(r.asText()));
    return out;
  }

  /** Least squares y = a + b * metric over the rows. */
  private static double[] fit(Map<String, Double> metric, Map<String, Double> y) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (String row : y.keySet()) {
      double m = metric.get(row);
      double v = y.get(row);
      n++;
      sx += m;
      sy += v;
      sxx += m * m;
      sxy += m * v;
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    assertTrue(Double.isFinite(b) && Math.abs(b) > 1e-9, "metrics differ, so the axis maps them apart");
    return new double[] {(sy - b * sx) / n, b};
  }

  private static boolean onAnAxis(JsonNode axes, double x) {
    for (JsonNode a : axes) {
      if (x >= a.get(0).asDouble() - 3 && x <= a.get(1).asDouble() + 3) {
        return true;
      }
    }
    return false;
  }

  private static int closest(BufferedImage image, JsonNode point, int[] rgb) {
    return closest(image, point.get(0).asDouble(), point.get(1).asDouble(), rgb);
  }

  /** The smallest largest-channel difference from {@code rgb} among the pixels within one of (x, y). */
  private static int closest(BufferedImage image, double x, double y, int[] rgb) {
    int best = Integer.MAX_VALUE;
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        int px = (int) Math.floor(x) + dx;
        int py = (int) Math.floor(y) + dy;
        if (px < 0 || py < 0 || px >= image.getWidth() || py >= image.getHeight()) {
          continue;
        }
        int c = image.getRGB(px, py);
        int d = Math.max(Math.abs((c >> 16 & 0xff) - rgb[0]), Math.max(Math.abs((c >> 8 & 0xff) - rgb[1]),
            Math.abs((c & 0xff) - rgb[2])));
        best = Math.min(best, d);
      }
    }
    return best;
  }

  private static String strokeOfRow(String row) {
    return "getComputedStyle(document.querySelector('#parcoords path.run[data-row=\"" + row + "\"]')).stroke";
  }

  private static int distance(int[] a, int[] b) {
    return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
  }

  private static int[] rgb(String css) {
    Matcher m = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)").matcher(css);
    assertTrue(m.find(), "a colour: " + css);
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
  }

  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
