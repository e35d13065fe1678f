package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.status.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter values and trainers' error lines with line breaks, terminal escapes and bidi controls: printed
 * escaped by results, status, show and the HTML report, kept exact in the CSV, the manifest reversible.
 */
class TerminalOutputTest {
  static final String NEWLINE = "a\nb\r";
  static final String ESCAPES = "\u001b[2J\u0007\u0000x\u202eevil";

  @TempDir Path tmp;

  private final List<SweepSpec<?>> specs = List.of(
      SweepSpec.builder("esc", TestParams.class, new TestParamsGrid(new double[] {0.1}, new String[] {NEWLINE, ESCAPES}))
          .template("jsonnet/test_model.jsonnet").trainer(() -> this::train).build());

  private void train(TestParams p, Experiment e) throws Exception {
    if (p.mode() == TestParams.Mode.SLOW && p.note().equals(ESCAPES)) {
      throw new IllegalStateException("diverged\u001b]0;owned\u0007 at " + p.note());
    }
    e.writeMetrics(Map.of("accuracy", p.note().length() + (p.mode() == TestParams.Mode.FAST ? 0.5 : 0.0)));
  }

  private CliRun cli(String... args) {
    return CliRun.of(specs, spec -> dev.hyper.runtime.snapshot.Program.ofJar(jar), args);
  }

  private Path jar;

  /** The sweep written and every experiment run once: three DONE, one FAILED. */
  private Path swept() throws Exception {
    return swept(tmp.resolve("out"));
  }

  private Path swept(Path out) throws Exception {
    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    CliRun sweep = cli("sweep", "esc", "--out", out.toString(), "--jar", jar.toString());
    assertEquals(0, sweep.code(), sweep.err());
    for (Path toml : ExperimentFiles.ofSweep(out, "esc")) {
      cli("run", toml.toString());
    }
    return out;
  }

  /** No character on the terminal that breaks a line (other than the line end), moves or drives it. */
  private static void assertPrintable(String text) {
    for (String line : text.split("\n", -1)) {
      for (char c : line.toCharArray()) {
        assertFalse(Character.isISOControl(c) || c == '\u202e', "U+" + Integer.toHexString(c) + " in: " + line);
      }
    }
  }

  @Test
  void resultsEscapesValuesInTheTableAndTheHtmlAndKeepsThemExactInTheCsv() throws Exception {
    Path out = swept();
    Path csv = tmp.resolve("r.csv");
    Path html = tmp.resolve("r.html");
    CliRun r = cli("results", "esc", "--out", out.toString(), "--metric", "accuracy", "--goal", "max",
        "--csv", csv.toString(), "--html", html.toString());
    assertEquals(0, r.code(), r.err());
    assertPrintable(r.out());
    assertTrue(r.out().startsWith("sweep esc: 4 experiments, 3 DONE, 1 FAILED; accuracy, higher is better (--goal max)\n"),
        r.out());
    List<String> rows = r.out().lines().filter(l -> l.matches("(\\d+|-) +[0-9a-f]{12} .*")).toList();
    assertEquals(4, rows.size(), r.out());
    assertTrue(rows.get(0).matches("1 +[0-9a-f]{12}  0 +0\\.1  \\\\x1b\\[2J\\\\x07\\\\x00x\\\\u202eevil  FAST  DONE"
        + " +12\\.5000"), rows.get(0));
    assertTrue(rows.get(1).matches("2 +[0-9a-f]{12}  0 +0\\.1  a\\\\nb\\\\r +FAST  DONE +4\\.5000"), rows.get(1));
    assertTrue(rows.get(3).matches("- +[0-9a-f]{12}  0 +0\\.1  \\\\x1b\\[2J\\\\x07\\\\x00x\\\\u202eevil  SLOW  FAILED"),
        rows.get(3));
    assertTrue(r.out().contains("  note:  a\\nb\\r -> 4.2500 +- 0.3536 (n=2);  \\x1b[2J\\x07\\x00x\\u202eevil"
        + " -> 12.5000 (n=1)\n"), r.out());

    String page = Files.readString(html);
    assertPrintable(page);
    assertTrue(page.contains("<td>\\x1b[2J\\x07\\x00x\\u202eevil</td>"), page);

    String table = Files.readString(csv);
    assertTrue(table.contains(",\"" + NEWLINE + "\",FAST,DONE,4.5,"), table);
    assertTrue(table.contains("," + ESCAPES + ",FAST,DONE,12.5,"), table);
    Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
    for (Path report : List.of(csv, html)) {
      assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
          PosixFilePermissions.toString(Files.getPosixFilePermissions(report)), report.toString());
    }
  }

  @Test
  void verifyEscapesThePathsItNames() throws Exception {
    Path out = swept(tmp.resolve("out\u001b[31m"));
    Path toml = ExperimentFiles.ofSweep(out, "esc").get(0);
    Files.writeString(toml, Files.readString(toml).replace("lr = 0.1", "lr = 0.2"));
    CliRun r = cli("verify", "esc", "--out", out.toString());
    assertPrintable(r.out());
    assertTrue(r.out().startsWith("DIFFERS  " + tmp + "/out\\x1b[31m/config/generated/esc/"), r.out());
    assertEquals(1, r.code());
  }

  @Test
  void statusEscapesTheTrainersErrorLine() throws Exception {
    Path out = swept();
    CliRun r = cli("status", "esc", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertPrintable(r.out());
    List<String> failed = r.out().lines().dropWhile(l -> !l.equals("failed:")).toList();
    assertEquals(2, failed.size(), r.out());
    assertTrue(failed.get(1).matches("  [0-9a-f]{12}/0  exit 1: java\\.lang\\.IllegalStateException: diverged\\\\x1b\\]0;owned"
        + "\\\\x07 at \\\\x1b\\[2J\\\\x07\\\\x00x\\\\u202eevil"), failed.get(1));
  }

  @Test
  void showEscapesValuesAndTheManifestKeepsOverridesReversibly() throws Exception {
    CliRun show = cli("show", "esc");
    assertEquals(0, show.code(), show.err());
    assertPrintable(show.out());
    assertTrue(show.out().contains("  note -> note (string, 2): \"a\\nb\\r\", \"\\u001b[2J\\u0007\\u0000x\\u202eevil\"\n"),
        show.out());

    CliRun dryRun = cli("sweep", "esc", "--dry-run", "--out", tmp.resolve("dry").toString());
    assertEquals(0, dryRun.code(), dryRun.err());
    assertPrintable(dryRun.out());
    assertTrue(dryRun.out().contains(" note=\"\\u001b[2J\\u0007\\u0000x\\u202eevil\" mode=\"FAST\"\n"), dryRun.out());

    CliRun unknown = cli("show", "esc", "--\u001b[2J");
    assertEquals("show: Unknown option: '--\\x1b[2J' (see --help)\n", unknown.err());
    assertEquals(2, unknown.code());

    jar = TestSweeps.dummyJar(tmp.resolve("jars"), "model v1");
    Path out = tmp.resolve("set");
    String set = "note=x\ny\\n\u202e";
    CliRun sweep = cli("sweep", "esc", "--out", out.toString(), "--jar", jar.toString(), "--set", set);
    assertEquals(0, sweep.code(), sweep.err());
    List<String> header = Files.readAllLines(out.resolve("esc-manifest.tsv")).stream()
        .takeWhile(l -> l.startsWith("#")).toList();
    assertTrue(header.contains("# override: set note=x\\ny\\\\n\\u202e"), header.toString());
    assertEquals(List.of("set " + set), ManifestFile.overridesOf(header));
  }
}
