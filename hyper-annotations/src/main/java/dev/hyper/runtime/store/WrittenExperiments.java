package dev.hyper.runtime.store;

import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The experiments one sweep run wrote, to remove them again if the run fails: a bit per experiment, by
 * its number in jobs order (trial {@code t} of point {@code p} is {@code p * trials + t}), kept in memory
 * (at most 1.25 MB for the largest sweep allowed). Nothing is written to disk for it, so a run stopped by
 * a full disk still removes what it wrote. A run killed with SIGKILL needs no record: every experiment it
 * wrote is whole, and the next run keeps it.
 */
final class WrittenExperiments {
  private final BitSet written = new BitSet();
  /** Experiments whose write failed: they may have left empty directories. */
  private final BitSet failed = new BitSet();
  private long removed;

  /** Records that this run wrote experiment {@code number} (below {@link SweepPlanner#MAX_EXPERIMENTS}). */
  synchronized void add(long number) {
    written.set(Math.toIntExact(number));
  }

  /** Records that writing experiment {@code number} failed. */
  synchronized void failed(long number) {
    failed.set(Math.toIntExact(number));
  }

  synchronized long count() {
    return written.cardinality();
  }

  /** How many {@link #removeAll} removed, also when it failed part way. */
  synchronized long removed() {
    return removed;
  }

  /**
   * Removes every experiment recorded as written, and the empty directories the failed ones left;
   * finds their directories again with {@code planner} (one plan per run of consecutive numbers).
   */
  synchronized void removeAll(SweepPlanner planner, SweepSpec<?> spec, Path out) throws IOException, HyperException {
    forEach(written, planner, spec, out, info -> {
      ExperimentStore.removeExperiment(out, info.confDir(), info.serializationDir());
      removed++;
    });
    forEach(failed, planner, spec, out, info -> {
      for (Path dir : List.of(info.confDir(), info.confDir().getParent(), info.serializationDir(),
          info.serializationDir().getParent())) {
        try {
          Files.deleteIfExists(out.resolve(dir));
        } catch (DirectoryNotEmptyException e) {
          // it holds more than this run made
        }
      }
    });
  }

  private interface Action {
    void run(ExperimentInfo info) throws IOException;
  }

  /** Runs {@code action} on each experiment in {@code numbers}, planned again one at a time. */
  private static void forEach(BitSet numbers, SweepPlanner planner, SweepSpec<?> spec, Path out, Action action)
      throws IOException, HyperException {
    int from = numbers.nextSetBit(0);
    while (from >= 0) {
      int to = numbers.nextClearBit(from);
      for (Iterator<? extends PlannedExperiment<?>> it = planner.stream(spec, out, null, from, to); it.hasNext(); ) {
        action.run(it.next().info());
      }
      from = numbers.nextSetBit(to);
    }
  }
}
