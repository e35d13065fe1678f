package dev.hyper.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.error.HyperException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
  private static final Path ROOT = Path.of("/out").toAbsolutePath();

  @Test
  void pointsInIndexOrderTrialsInnermostWithSharedIds() throws HyperException {
    SweepSpec<TestParams> spec = TestSweeps.builder("t").trials(3).build();
    List<PlannedExperiment<TestParams>> plan = new SweepPlanner().plan(spec, ROOT, null);
    assertEquals(36, plan.size());
    for (int i = 0; i < plan.size(); i++) {
      PlannedExperiment<TestParams> e = plan.get(i);
      assertEquals(i / 3, e.index());
      assertEquals(i % 3, e.info().trial());
      assertEquals(spec.grid().get(i / 3), e.params());
      assertEquals(Ids.experimentId(spec, e.params()), e.info().id());
      assertEquals(Ids.seed(e.info().id(), i % 3), e.info().seed());
      assertEquals(Path.of("config/generated/t", e.info().id(), "" + (i % 3), e.info().id() + ".toml"),
          e.info().confPath());
      assertEquals(Path.of("model/generated/t", e.info().id(), "" + (i % 3)), e.info().serializationDir());
    }
    assertEquals(plan.get(0).info().id(), plan.get(2).info().id());
  }

  @Test
  void repeatedAxisValueIsReported() {
    SweepSpec<TestParams> spec = SweepSpec.builder("t", TestParams.class,
        new TestParamsGrid(new double[] {0.1, 0.1}, new String[] {"a"})).build();
    HyperException e = assertThrows(HyperException.class, () -> new SweepPlanner().plan(spec, ROOT, null));
    assertEquals("sweep 't': axis 'lr' lists the value 0.1 twice, so two points would be the same experiment",
        e.getMessage());
  }

  @Test
  void twoDifferentPointsWithTheSameIdAreAnError() {
    SweepSpec<TestParams> spec = TestSweeps.builder("t").build();
    SweepPlanner constantIds = new SweepPlanner((sweep, tlas) -> "000000000000");
    HyperException e = assertThrows(HyperException.class, () -> constantIds.plan(spec, ROOT, null));
    assertTrue(e.getMessage().startsWith("sweep 't': points 0 (TestParams[lr=0.001, note=plain, mode=FAST]) and 1"
        + " (TestParams[lr=0.001, note=plain, mode=SLOW]) have the same id 000000000000"), e.getMessage());
  }

  @Test
  void sweepNamesThatCouldEscapeAreRefused() {
    for (String bad : List.of("../x", "A", "", "a b", "-x", "a/b")) {
      SweepSpec<TestParams> spec = TestSweeps.builder(bad).build();
      HyperException e = assertThrows(HyperException.class, () -> new SweepPlanner().plan(spec, ROOT, null));
      assertTrue(e.getMessage().startsWith("sweep name '" + bad + "' is not allowed"), e.getMessage());
    }
  }
}
