package dev.hyper.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.error.HyperException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writes handed to the writer threads in batches: each once, none after a failure or a stop. */
class ExperimentWritersTest {
  @Test
  void everyWriteRunsOnceAndFinishWaitsForTheLastPartBatch() throws Exception {
    ExperimentWriters writers = new ExperimentWriters(2, 1024);
    ConcurrentHashMap<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    int n = 10 * ExperimentWriters.BATCH + 7;                      // the last batch is not full
    for (int i = 0; i < n; i++) {
      int k = i;
      writers.submit(() -> runs.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet());
    }
    writers.finish();
    assertEquals(n, runs.size());
    assertTrue(runs.values().stream().allMatch(c -> c.get() == 1), "each write once");
  }

  @Test
  void aFailureStopsTheWritesOfItsBatchAndTheOnesAfterAndIsThrown() throws Exception {
    ExperimentWriters writers = new ExperimentWriters(2, 4 * ExperimentWriters.BATCH);
    int failing = ExperimentWriters.BATCH + 8;                    // in the second batch
    ConcurrentHashMap<Integer, Boolean> ran = new ConcurrentHashMap<>();
    HyperException thrown = assertThrows(HyperException.class, () -> {
      for (int i = 0; i < 40 * ExperimentWriters.BATCH; i++) {
        int k = i;
        writers.submit(() -> {
          if (k == failing) {
            throw new HyperException("write " + k + " failed");
          }
          ran.put(k, true);
        });
      }
      writers.finish();
    });
    writers.stop();
    assertEquals("write " + failing + " failed", thrown.getMessage());
    for (int k = failing; k < 2 * ExperimentWriters.BATCH; k++) {
      assertFalse(ran.containsKey(k), "write " + k + " comes after the failure in its batch");
    }
    assertTrue(ran.containsKey(failing - 1), "the one before it in its batch ran");
    int after = ran.size();
    Thread.sleep(50);
    assertEquals(after, ran.size(), "nothing writes after stop");
  }

  @Test
  void aStopDropsTheBatchNotHandedOver() throws Exception {
    ExperimentWriters writers = new ExperimentWriters(2, 1024);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < ExperimentWriters.BATCH - 1; i++) {
      writers.submit(ran::incrementAndGet);
    }
    writers.stop();
    assertEquals(0, ran.get(), "a batch not full was never handed to a thread");
  }

  @Test
  void withOneThreadEachWriteRunsAtOnceOnTheCallersThread() throws Exception {
    ExperimentWriters writers = new ExperimentWriters(1, 1024);
    Thread caller = Thread.currentThread();
    AtomicInteger ran = new AtomicInteger();
    writers.submit(() -> {
      assertEquals(caller, Thread.currentThread());
      ran.incrementAndGet();
    });
    assertEquals(1, ran.get());
    writers.finish();
  }
}
