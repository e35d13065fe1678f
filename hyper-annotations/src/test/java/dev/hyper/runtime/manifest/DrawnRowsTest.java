package dev.hyper.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Distribution;
import dev.hyper.runtime.SearchGrids;
import dev.hyper.runtime.SearchParams;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestBigProvider;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestProvider;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows a plan draws are, row for row, what the planner lists for the sweep as run (its sweep files and
 * {@code --set} applied to the declared sweep); where the declared sweep cannot draw them, there is no plan.
 */
class DrawnRowsTest {
  @TempDir Path tmp;

  private static final Path LAZY = Path.of("config/generated/s/.lazy/1");

  private static SweepSpec<SearchParams> search(String name, int trials) {
    return SweepSpec.builder(name, SearchParams.class, SearchGrids.random(500, 7)).trials(trials).build();
  }

  /** Every row {@code swept} plans, as the manifest lists it, against the row the plan draws for {@code declared}. */
  private static <P extends Record> void drawsTheListedRows(SweepSpec<P> swept, SweepSpec<P> declared)
      throws HyperException {
    DrawnRows.Plan plan = DrawnRows.plan(swept, declared).orElseThrow();
    DrawnRows.Plan read = DrawnRows.Plan.in(plan.lines().lines().toList(), Path.of("m")).orElseThrow();
    assertEquals(plan, read, "the manifest's lines give the plan back");
    DrawnRows rows = DrawnRows.of(read, declared, LAZY, Path.of("m"));
    long k = 0;
    for (Iterator<PlannedExperiment<P>> it = new SweepPlanner().stream(swept, Path.of("/out"), null); it.hasNext(); k++) {
      assertEquals(SweepManifest.row(k, it.next()), SweepManifest.row(rows.row(k)), "row " + k);
      assertEquals(LAZY, rows.row(k).lazyDir());
    }
    assertEquals(k, rows.rows());
    assertEquals(plan.rows(), k);
  }

  private static <P extends Record> void drawsItsOwnRows(SweepSpec<P> spec) throws HyperException {
    drawsTheListedRows(spec, spec);
  }

  private static <P extends Record> DrawnRows.Plan ownPlan(SweepSpec<P> spec) {
    return DrawnRows.plan(spec, spec).orElseThrow();
  }

  @Test
  void aGridARandomSearchAndTrialsDrawWhatThePlannerLists() throws Exception {
    drawsItsOwnRows(new TestProvider().spec());
    drawsTheListedRows(search("s", 3), search("s", 3));
    SweepSpec<SearchParams> grid = SweepSpec.builder("g", SearchParams.class, SearchGrids.grid()).trials(2).build();
    drawsTheListedRows(grid, grid);
  }

  @Test
  void sweepFileValuesTrialsAndSearchSettingsAreThePlans() throws Exception {
    SweepSpec<SearchParams> declared = search("s", 1);
    SweepSpec<SearchParams> swept = declared.with(declared.grid()
        .withValues(Map.of("optimizer", List.of("a\tb \"quoted\" \u2028", "sgd", "lion"), "lr", List.of(0.5, 1e-300)))
        .withStrategy(dev.hyper.runtime.Strategy.random(123, -4)), 2, declared.slurm());
    drawsTheListedRows(swept, declared);
    DrawnRows.Plan plan = DrawnRows.plan(swept, declared).orElseThrow();
    assertTrue(plan.lines().startsWith("# drawn: 246 rows, 2 trials per point, random 123 seed -4, fingerprint "),
        plan.lines());
    assertTrue(plan.lines().contains("\n# drawn values: optimizer\t\"a\\tb \\\"quoted\\\" \u2028\"\t\"sgd\"\t\"lion\"\n"),
        plan.lines());
  }

  @Test
  void rowsTheDeclaredSweepCannotDrawHaveNoPlan() {
    SweepSpec<SearchParams> declared = search("s", 1);
    SweepSpec<SearchParams> otherDistribution = declared.with(SearchGrids.random(500, 7,
        Distribution.uniform(0, 1), Distribution.uniform(0.1, 0.6), new AtomicLong(), Long.MAX_VALUE), 1,
        declared.slurm());
    assertEquals(Optional.empty(), DrawnRows.plan(otherDistribution, declared));
    SweepSpec<SearchParams> chosen = declared.with(declared.grid().ofPoints(List.of(declared.grid().get(3),
        declared.grid().get(1))), 1, declared.slurm());
    assertEquals(Optional.empty(), DrawnRows.plan(chosen, declared), "a grid of chosen points is listed");
  }

  @Test
  void aPlanOfAnotherSweepOrOfValuesItDoesNotTakeIsNamed() throws Exception {
    SweepSpec<SearchParams> declared = search("s", 1);
    DrawnRows.Plan plan = DrawnRows.plan(declared, declared).orElseThrow();
    DrawnRows.Plan unknown = new DrawnRows.Plan(plan.rows(), 1, plan.strategy(), Map.of("width", List.of("1")),
        plan.fingerprint());
    assertEquals("m: the plan draws parameter 'width', which sweep 's' does not have",
        assertThrows(HyperException.class, () -> DrawnRows.of(unknown, declared, LAZY, Path.of("m"))).getMessage());
    DrawnRows.Plan notInt = new DrawnRows.Plan(plan.rows(), 1, plan.strategy(), Map.of("hidden_dim",
        List.of("1.5", "2", "3")), plan.fingerprint());
    assertEquals("m: the plan's value '1.5' is not one of hidden_dim",
        assertThrows(HyperException.class, () -> DrawnRows.of(notInt, declared, LAZY, Path.of("m"))).getMessage());
    DrawnRows.Plan fewer = new DrawnRows.Plan(plan.rows() + 1, 1, plan.strategy(), Map.of(), plan.fingerprint());
    assertEquals("m: the plan draws 501 rows, and sweep 's' gives 500 from it",
        assertThrows(HyperException.class, () -> DrawnRows.of(fewer, declared, LAZY, Path.of("m"))).getMessage());
  }

  /** {@code plan} with parameter {@code tla}'s value list replaced by {@code codes}, its fingerprint kept. */
  private static DrawnRows.Plan withValues(DrawnRows.Plan plan, String tla, List<String> codes) {
    Map<String, List<String>> values = new LinkedHashMap<>(plan.values());
    values.put(tla, codes);
    return new DrawnRows.Plan(plan.rows(), plan.trials(), plan.strategy(), values, plan.fingerprint());
  }

  @Test
  void aPlanWhoseValuesWereEditedIsRefusedAlsoWhereTheFingerprintsRowsDoNotShowIt() throws Exception {
    // 500 lrs x 2 notes x 2 modes: lr's second and third values are in rows 4-11, which none of the 64 rows the
    // fingerprint hashes (0, 31, 63, ...) is
    SweepSpec<TestParams> big = TestBigProvider.sweep();
    DrawnRows.Plan plan = ownPlan(big);
    List<String> lr = plan.values().get("lr");
    assertEquals(List.of("1.0E-5", "2.0E-5", "3.0000000000000004E-5"), lr.subList(0, 3));
    List<String> swapped = new ArrayList<>(lr);
    Collections.swap(swapped, 1, 2);
    List<String> changed = new ArrayList<>(lr);
    changed.set(1, "2.5E-5");
    for (DrawnRows.Plan edited : List.of(withValues(plan, "lr", swapped), withValues(plan, "lr", changed))) {
      HyperException e = assertThrows(HyperException.class, () -> DrawnRows.of(edited, big, LAZY, Path.of("m")),
          () -> "row 4 would be drawn with lr " + edited.values().get("lr").get(1) + " instead of 2.0E-5");
      assertTrue(e.getMessage().startsWith("m: its 2000 rows are drawn from the sweep's plan, "), e.getMessage());
    }
    DrawnRows.of(plan, big, LAZY, Path.of("m"));                           // the plan as written draws
  }

  @Test
  void valuesTheDeclaredSweepCannotTakeAsAWholeAreAnErrorNamingTheFile() {
    SweepSpec<SearchParams> declared = search("s", 1);
    DrawnRows.Plan plan = ownPlan(declared);
    DrawnRows.Plan none = withValues(plan, "optimizer", List.of());
    assertEquals("m: the plan's values cannot be drawn by sweep 's': parameter 'optimizer' has no values",
        assertThrows(HyperException.class, () -> DrawnRows.of(none, declared, LAZY, Path.of("m"))).getMessage());
    DrawnRows.Plan unpaired = withValues(plan, "hidden_dim", List.of("300", "1000"));   // n_layers has 3 values
    HyperException e = assertThrows(HyperException.class, () -> DrawnRows.of(unpaired, declared, LAZY, Path.of("m")));
    assertTrue(e.getMessage().startsWith("m: the plan's values cannot be drawn by sweep 's': group 'arch' "),
        e.getMessage());
  }

  @Test
  void aManifestReadWithoutItsProgramSaysSoWhenItsRowsAreAsked() throws Exception {
    SweepSpec<?> toy = new TestProvider().spec();
    DrawnRows.Plan plan = ownPlan(toy);
    Path file = Files.writeString(tmp.resolve("toy-manifest.tsv"), "# Hyper sweep manifest v2: rows\n# sweep: toy\n"
        + "# experiments: 4\n# invocation: 1 at T: 4 experiments, 4 new (rows 0-3)\n# lazy: " + LAZY.toString()
        .replace("/s/", "/toy/") + "\n" + plan.lines() + "row\tid\ttrial\tlr\tnote\tmode\tconfig\n");
    ManifestFile unbound = ManifestFile.read(tmp, "toy").orElseThrow();
    assertTrue(unbound.drawn());
    assertEquals(4, unbound.experiments());
    assertEquals(file + ": its rows are drawn from the sweep's plan, which this command reads without the sweep's"
        + " program; run it with the program that swept them: java -jar config/generated/toy/.lazy/1/model.jar ... toy",
        assertThrows(HyperException.class, () -> unbound.forEachRow(r -> {})).getMessage());
    ManifestFile bound = ManifestFile.read(tmp, toy).orElseThrow();
    assertEquals(bound.rowAt(3).orElseThrow(), bound.drawnRows().row(3));
    assertEquals(Optional.empty(), bound.rowAt(4));
    assertEquals(List.of(0L, 1L, 2L, 3L), SweepTasks.rows(tmp, toy, 0, 9).stream().map(Task::row).toList());
    assertEquals(bound.rowAt(2).orElseThrow().id(), bound.find(bound.rowAt(2).orElseThrow().id(), 0).orElseThrow().id());
  }

  @Test
  void theRowsFromOneToTheEndAreFoundWhateverTheCountAsked() throws Exception {
    SweepSpec<?> toy = new TestProvider().spec();
    Files.writeString(tmp.resolve("toy-manifest.tsv"), "# Hyper sweep manifest v2: rows\n# sweep: toy\n"
        + "# experiments: 4\n# invocation: 1 at T: 4 experiments, 4 new (rows 0-3)\n"
        + "# lazy: config/generated/toy/.lazy/1\n" + ownPlan(toy).lines() + "row\tid\ttrial\tlr\tnote\tmode\tconfig\n");
    assertEquals(List.of(1L, 2L, 3L), SweepTasks.rows(tmp, toy, 1, 3).stream().map(Task::row).toList());
    assertEquals(List.of(1L, 2L, 3L), SweepTasks.rows(tmp, toy, 1, Long.MAX_VALUE).stream().map(Task::row).toList(),
        "task-lines --from 1 --count " + Long.MAX_VALUE + " (from + count does not fit a long)");
  }
}
