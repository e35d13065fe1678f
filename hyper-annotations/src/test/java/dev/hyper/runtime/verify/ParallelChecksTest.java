package dev.hyper.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks handed to the threads in batches come back in the order given, and a failing one after those before it. */
class ParallelChecksTest {
  private final List<String> delivered = new ArrayList<>();

  @Test
  void resultsComeBackInOrderAcrossBatches() throws Exception {
    int n = ParallelChecks.BATCH * 5 + 3;                // batches, and a last one not full
    try (ParallelChecks checks = new ParallelChecks(3, name -> null)) {
      for (int i = 0; i < n; i++) {
        int k = i;
        checks.submit("e" + k, v -> k % 7 == 0 ? List.of("differs " + k) : List.of(), this::deliver);
      }
      checks.finish();
    }
    assertEquals(n, delivered.size());
    for (int i = 0; i < n; i++) {
      assertEquals("e" + i + (i % 7 == 0 ? " differs " + i : ""), delivered.get(i));
    }
  }

  @Test
  void aCheckThatFailsIsRaisedAfterTheResultsBeforeIt() throws Exception {
    int failing = ParallelChecks.BATCH + 5;              // in the middle of the second batch
    IOException thrown;
    try (ParallelChecks checks = new ParallelChecks(2, name -> null)) {
      thrown = assertThrows(IOException.class, () -> {
        for (int i = 0; i < ParallelChecks.BATCH * 3; i++) {
          int k = i;
          checks.submit("e" + k, v -> {
            if (k == failing) {
              throw new IOException("e" + k + ": Input/output error");
            }
            return List.of();
          }, this::deliver);
        }
        checks.finish();
      });
    }
    assertEquals("e" + failing + ": Input/output error", thrown.getMessage());
    assertEquals(failing, delivered.size(), "every check before the failing one, in order: " + delivered);
    assertEquals("e" + (failing - 1), delivered.get(failing - 1));
  }

  private void deliver(String item, List<String> problems) {
    delivered.add(problems.isEmpty() ? item : item + " " + String.join("; ", problems));
  }
}
