package dev.hyper.example;

import static dev.hyper.example.Experiments.fast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.example.Experiments.Exp;
import dev.hyper.runtime.JsonConfig;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results} on a swept directory where three fast points were trained (one per learning rate) and one
 * failed: the table, the CSV (RFC 4180, read back here and, when available, by pandas) and the HTML page
 * (rendered by headless Chromium, when installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsIT {
  @TempDir static Path dir;

  private final List<Exp> trained = new ArrayList<>();
  private Exp failed;

  @BeforeAll
  void trainThreeAndFailOne() throws Exception {
    Experiments.sweep(dir);
    for (double lr : new double[] {0.001, 0.0001, 0.00001}) {
      Exp e = Experiments.find(dir, fast(lr));
      ModelJar.Result r = e.run();
      assertEquals(0, r.exitCode(), r.toString());
      trained.add(e);
    }
    failed = Experiments.find(dir, new RnnParams(0.001, 0.35, 100, 1));
    Files.delete(failed.json());
    assertEquals(1, failed.run("--force").exitCode());
  }

  private double accuracy(Exp e) throws Exception {
    return JsonConfig.read(e.serializationDir().resolve("metrics.json")).getDouble("best_validation_accuracy");
  }

  @Test
  void tableIsSortedByTheMetricWithStatusesBestPointAndEffectOfEachParameter() throws Exception {
    ModelJar.Result r = ModelJar.run(dir, "results", "rnn", "--top", "5");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("", r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals("sweep rnn: 72 experiments, 3 DONE, 1 FAILED, 68 PENDING; best_validation_accuracy, higher is"
        + " better (@Sweep(goal = MAX))", lines.get(0));
    assertTrue(lines.get(2).matches("rank +id +trial +lr +dropout +hidden_dim +n_hidden_layers +status"
        + " +best_validation_accuracy"), lines.get(2));
    // Best first: lr 0.001 learns (well above the 10% of chance), lr 1e-5 barely in 20 epochs.
    assertTrue(lines.get(3).startsWith("1     " + trained.get(0).id() + "  0      0.001"), lines.get(3));
    assertTrue(lines.get(4).startsWith("2     " + trained.get(1).id()), lines.get(4));
    assertTrue(lines.get(5).startsWith("3     " + trained.get(2).id()), lines.get(5));
    assertTrue(lines.get(6).contains(failed.id()) && lines.get(6).contains("FAILED"), lines.get(6));
    assertTrue(lines.get(7).contains("PENDING"), lines.get(7));
    assertEquals("... 67 more (without --top: all)", lines.get(8));
    assertTrue(accuracy(trained.get(0)) > 0.8, "lr=0.001 learns: " + accuracy(trained.get(0)));
    assertTrue(accuracy(trained.get(0)) > accuracy(trained.get(2)) + 0.2, "lr matters");
    assertTrue(lines.get(3).endsWith(String.format(java.util.Locale.ROOT, "%.4f", accuracy(trained.get(0)))),
        lines.get(3));
    assertTrue(r.stdout().contains("best experiment: " + String.format(java.util.Locale.ROOT, "%.4f",
        accuracy(trained.get(0))) + "  " + trained.get(0).id() + " trial 0  lr=0.001 dropout=0.2 hidden_dim=100"
        + " n_hidden_layers=1\n"), r.stdout());
    assertTrue(r.stdout().contains("best point:      "), r.stdout());
    assertTrue(r.stdout().contains("  lr:  0.001 -> "), r.stdout());
    assertTrue(r.stdout().contains("hidden_dim:  100 -> "), r.stdout());
    assertTrue(r.stdout().contains("300 -> -;"), "no data for hidden_dim 300: " + r.stdout());
  }

  @Test
  void lossIsRankedLowestFirstAndAnUnknownMetricNamesTheKeys() throws Exception {
    ModelJar.Result loss = ModelJar.run(dir, "results", "rnn", "--metric", "best_validation_loss", "--top", "1");
    assertEquals(0, loss.exitCode(), loss.toString());
    assertTrue(loss.stdout().contains("best_validation_loss, lower is better (guessed from the name; set --goal"
        + " min|max or @Sweep(goal))\n"), loss.stdout());
    assertTrue(loss.stdout().lines().toList().get(3).contains(trained.get(0).id()), loss.stdout());

    ModelJar.Result min = ModelJar.run(dir, "results", "rnn", "--goal", "min", "--top", "1");
    assertEquals(0, min.exitCode(), min.toString());
    assertTrue(min.stdout().contains("best_validation_accuracy, lower is better (--goal min)\n"), min.stdout());
    assertTrue(min.stdout().lines().toList().get(3).contains(trained.get(2).id()), min.stdout());

    ModelJar.Result unknown = ModelJar.run(dir, "results", "rnn", "--metric", "accuracy");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertEquals("", unknown.stdout());
    assertEquals("no metrics.json of sweep 'rnn' has 'accuracy'; their keys: best_epoch, best_validation_accuracy,"
        + " best_validation_loss, epochs, training_seconds (choose one with --metric)\n", unknown.stderr());

    ModelJar.Result nowhere = ModelJar.run(dir.resolve("model"), "results", "rnn");
    assertEquals(2, nowhere.exitCode(), nowhere.toString());
    assertEquals(1, nowhere.stderr().lines().count(), nowhere.toString());
    assertEquals("no experiments of sweep 'rnn' under " + dir.resolve("model") + ": write them first with 'java -jar "
        + ModelJar.jar() + " sweep rnn'\n", nowhere.stderr());
  }

  @Test
  void csvHasARowPerExperimentAndLoadsInPandas() throws Exception {
    Path csv = dir.resolve("results.csv");
    ModelJar.Result r = ModelJar.run(dir, "results", "rnn", "--csv", csv.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\r\n"), "RFC 4180 line ends");
    List<String> lines = List.of(text.split("\r\n"));
    assertEquals("id,trial,lr,dropout,hidden_dim,n_hidden_layers,status,best_validation_accuracy,point_mean,"
        + "point_std,point_n", lines.get(0));
    assertEquals(73, lines.size());
    String[] best = lines.get(1).split(",", -1);
    assertEquals(11, best.length);
    assertEquals(trained.get(0).id(), best[0]);
    assertEquals("DONE", best[6]);
    assertEquals(accuracy(trained.get(0)), Double.parseDouble(best[7]));
    assertEquals(accuracy(trained.get(0)), Double.parseDouble(best[8]));
    assertEquals("", best[9], "one trial: no spread");
    assertEquals(3, lines.stream().filter(l -> l.contains(",DONE,")).count());
    assertEquals(1, lines.stream().filter(l -> l.contains(",FAILED,,")).count());
    assertEquals(68, lines.stream().filter(l -> l.contains(",PENDING,,")).count());
    Set<String> ids = new HashSet<>();
    lines.subList(1, lines.size()).forEach(l -> ids.add(l.split(",")[0]));
    assertEquals(72, ids.size());

    String python = null;
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        if (ModelJar.exec(dir, List.of(candidate, "-c", "import pandas")).exitCode() == 0) {
          python = candidate;
          break;
        }
      } catch (java.io.IOException noSuchProgram) {
        // try the next one
      }
    }
    Required.that(python != null, "no python3 with pandas");
    ModelJar.Result read = ModelJar.exec(dir, List.of(python, "-c", String.join("\n",
        "import pandas as pd",
        "df = pd.read_csv('" + csv + "')",
        "assert df.shape == (72, 11), df.shape",
        "assert df['lr'].dtype == 'float64' and df['hidden_dim'].dtype == 'int64', df.dtypes",
        "assert df['best_validation_accuracy'].dtype == 'float64', df.dtypes",
        "assert df['best_validation_accuracy'].notna().sum() == 3",
        "print(df.groupby('lr')['best_validation_accuracy'].max().to_dict())")));
    assertEquals(0, read.exitCode(), read.toString());
  }

  @Test
  void htmlIsSelfContainedWithAChartPerParameterAndRendersInChromium() throws Exception {
    Path html = dir.resolve("results.html");
    ModelJar.Result r = ModelJar.run(dir, "results", "rnn", "--html", html.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
    assertEquals(4, page.split("<svg class=\"chart\"", -1).length - 1, "one chart per swept parameter");
    assertEquals(1, page.split("<svg id=\"parcoords\"", -1).length - 1, "parallel coordinates");
    assertEquals(1, page.split("<svg id=\"curves\"", -1).length - 1, "learning curves");
    for (String p : List.of("lr", "dropout", "hidden_dim", "n_hidden_layers")) {
      assertTrue(page.contains("best_validation_accuracy by " + p + "</title>"), p);
    }
    assertEquals(3 * 4, page.split("<circle ", -1).length - 1, "each DONE experiment is a dot on every chart");
    assertEquals(1, page.split("<script>", -1).length - 1, "one inline script (brushing, the curves' picker)");
    assertFalse(page.contains("<script "), "no script from elsewhere");
    assertFalse(page.matches("(?s).*(src|href)\\s*=.*"), "nothing loaded from elsewhere");
    assertEquals(72, page.split("<tr data-row=", -1).length - 1, "a table row per experiment");
    assertTrue(page.contains("<td class=\"FAILED\">FAILED</td>"));

    String chromium = Chromium.find();
    Required.that(chromium != null, "chromium is not installed");
    Path png = dir.resolve("results.png");
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    ModelJar.Result shot = ModelJar.exec(dir, List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString()));
    assertTrue(Files.isRegularFile(png), "chromium wrote no screenshot: " + shot);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    int white = 0;
    int blue = 0;
    int orange = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        int red = rgb >> 16 & 0xff;
        int green = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (rgb == 0xffffff) {
          white++;
        }
        if (b > 150 && red < 150 && b - red > 60) {
          blue++;                                   // experiment dots
        }
        if (red > 190 && green < 120 && b < 60) {
          orange++;                                 // mean lines
        }
      }
    }
    int total = image.getWidth() * image.getHeight();
    assertTrue(white < total * 0.97, "the page is not blank: " + white + " of " + total + " pixels white");
    assertTrue(blue > 50, "dots drawn: " + blue);
    assertTrue(orange > 50, "mean lines drawn: " + orange);
  }
}
