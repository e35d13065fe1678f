package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SubmitPlanTest {
  private static List<Long> lines(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  /** Each part as {@code offset:arraySpec=experiments}. */
  private static List<String> parts(SubmitPlan plan) {
    return plan.parts().stream().map(p -> p.chunk().offset() + ":" + p.chunk().arraySpec(0) + "=" + p.experiments())
        .toList();
  }

  @Test
  void oneLinePerTaskSplitsUnderMaxArraySizeAsBefore() {
    SubmitPlan plan = SubmitPlan.of(lines(0, 24), 1, 10, Long.MAX_VALUE);
    assertEquals(List.of("0:0-9=10", "10:0-9=10", "20:0-3=4"), parts(plan));
    assertEquals(24, plan.tasks());
    assertEquals(24, plan.experiments());
    assertEquals(0, plan.leftTasks());
  }

  @Test
  void anArrayTaskIsSubmittedIfAnyOfItsLinesIsToRun() {
    // with 4 lines per task: lines 4, 6, 7 are task 1; 9 is task 2; 17 is task 4; tasks 0 and 3 have nothing to run
    SubmitPlan plan = SubmitPlan.of(List.of(4L, 6L, 7L, 9L, 17L), 4, 10, Long.MAX_VALUE);
    assertEquals(List.of("0:1-2,4=5"), parts(plan));
    assertEquals(3, plan.tasks());
  }

  @Test
  void maxArraySizeCapsTheIndexesOfPackedTasks() {
    SubmitPlan plan = SubmitPlan.of(lines(0, 100), 4, 10, Long.MAX_VALUE);
    assertEquals(List.of("0:0-9=40", "10:0-9=40", "20:0-4=20"), parts(plan), "25 tasks of 4 lines");
  }

  @Test
  void theCapacityTakesTheLowestTasksAndCountsWhatIsLeft() {
    SubmitPlan plan = SubmitPlan.of(lines(0, 24), 4, 10, 2);
    assertEquals(List.of("0:0-1=8"), parts(plan));
    assertEquals(4, plan.leftTasks());
    assertEquals(16, plan.leftExperiments());

    SubmitPlan cut = SubmitPlan.of(List.of(0L, 1L, 2L, 15L, 16L, 30L), 1, 10, 4);
    assertEquals(List.of("0:0-2=3", "10:5=1"), parts(cut), "the fourth task is in the second block of ten");
    assertEquals(2, cut.leftTasks());
  }

  @Test
  void noCapacityLeavesEverything() {
    SubmitPlan plan = SubmitPlan.of(lines(0, 7), 3, 10, 0);
    assertEquals(List.of(), plan.parts());
    assertEquals(3, plan.leftTasks());
    assertEquals(7, plan.leftExperiments());
  }

  @Test
  void badArgumentsAreRefused() {
    assertEquals("perTask must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
        () -> SubmitPlan.of(List.of(1L), 0, 10, 1)).getMessage());
    assertEquals("lines must be ascending and distinct: 3, 2", assertThrows(IllegalArgumentException.class,
        () -> SubmitPlan.of(List.of(3L, 2L), 1, 10, 1)).getMessage());
  }
}
