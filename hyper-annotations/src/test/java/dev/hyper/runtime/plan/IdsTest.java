package dev.hyper.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.Tla;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  private final SweepSpec<TestParams> spec =
      SweepSpec.builder("t", TestParams.class, new TestParamsGrid()).trials(3).build();

  @Test
  void idIsDeterministicTwelveHexDigits() {
    TestParams p = spec.grid().get(5);
    String id = Ids.experimentId(spec, p);
    assertTrue(id.matches("[0-9a-f]{12}"), id);
    assertEquals(id, Ids.experimentId(spec, new TestParams(p.lr(), p.note(), p.mode())));
    assertEquals(id, Ids.experimentId("t", Tla.of(spec, p)));
  }

  @Test
  void idDependsOnSweepNameAndEveryValueButNotOnTrial() {
    Set<String> ids = new HashSet<>();
    spec.grid().forEach(p -> ids.add(Ids.experimentId(spec, p)));
    assertEquals(12, ids.size());
    TestParams p = spec.grid().get(0);
    assertNotEquals(Ids.experimentId(spec, p), Ids.experimentId("other", Tla.of(spec, p)));
    // typed: the int 1 and the double 1.0 are different experiments
    assertNotEquals(Ids.experimentId("t", List.of(new Tla("x", 1, Param.Kind.INT))),
        Ids.experimentId("t", List.of(new Tla("x", 1.0, Param.Kind.DOUBLE))));
  }

  @Test
  void seedsDifferPerTrialAndAreStable() {
    String id = Ids.experimentId(spec, spec.grid().get(3));
    Set<Long> seeds = new HashSet<>();
    for (int trial = 0; trial < 50; trial++) {
      long s = Ids.seed(id, trial);
      assertTrue(s >= 0);
      assertEquals(s, Ids.seed(id, trial));
      seeds.add(s);
    }
    assertEquals(50, seeds.size());
    assertNotEquals(Ids.seed(id, 0), Ids.seed(Ids.experimentId(spec, spec.grid().get(4)), 0));
  }
}
