package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingTest {
  @Test
  void eachRunOfEachArrayTaskOldestFirstWithoutNotStartedRanges() {
    Accounting a = Accounting.parse("""
        40_0|REQUEUED|0:0|2026-12-01T09:53:43|2026-12-01T09:53:51
        40_0|COMPLETED|0:0|2026-12-01T09:56:00|2026-12-01T09:57:00
        40_1|CANCELLED by 0|0:15|2026-12-01T09:53:43|2026-12-01T09:54:00
        40_2|TIMEOUT|0:0|2026-12-01T09:53:43|2026-12-01T09:55:00
        40_[3-5%2]|PENDING|0:0|Unknown|Unknown
        41|COMPLETED|0:0|2026-12-01T09:53:43|2026-12-01T09:53:51
        """);
    assertEquals(List.of("REQUEUED", "COMPLETED"), a.runs("40_0").stream().map(Accounting.Run::state).toList());
    assertEquals("CANCELLED", a.runs("40_1").get(0).state());
    assertEquals("killed at its time limit", Accounting.why(a.runs("40_2").get(0)));
    assertEquals(List.of(), a.runs("40_3"));
    assertEquals(List.of(), a.runs("41"));
    assertEquals("exited with an error (exit 2:0)",
        Accounting.why(new Accounting.Run("1_0", "FAILED", "2:0", "", "")));
  }
}
