package dev.hyper.runtime.manifest;

import dev.hyper.runtime.plan.Ids;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The experiments a manifest lists, as id and trial to row number, in an open-addressing table of
 * {@code long}s: about 32 bytes per experiment, so that extending a sweep of millions of experiments fits a
 * small heap. Ids are 12 hex digits (48 bits); a trial below 2^15 shares their {@code long}. Other ids and
 * larger trials (no real sweep has them) go to a plain map.
 */
public final class ExperimentKeys {
  private static final long EMPTY = -1;
  private static final int TRIAL_BITS = 15;
  private long[] keys = filled(1 << 10);
  private long[] rows = new long[1 << 10];
  private int size;
  private final Map<String, Long> large = new HashMap<>();

  /** Records that experiment {@code id}/{@code trial} is row {@code row}; false if it was there already. */
  public boolean put(String id, int trial, long row) {
    if (!compact(id, trial)) {
      return large.putIfAbsent(id + "/" + trial, row) == null;
    }
    if ((size + 1) * 2L > keys.length) {
      grow();
    }
    if (place(keys, rows, key(id, trial), row)) {
      size++;
      return true;
    }
    return false;
  }

  /** The row of experiment {@code id}/{@code trial}, or -1 if it is not listed. */
  public long row(String id, int trial) {
    if (!compact(id, trial)) {
      return large.getOrDefault(id + "/" + trial, -1L);
    }
    long key = key(id, trial);
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == EMPTY) {
        return -1;
      }
      if (keys[i] == key) {
        return rows[i];
      }
    }
  }

  /** How many experiments are listed. */
  public long size() {
    return size + large.size();
  }

  /** Whether the experiment fits a {@code long}: a 12 hex digit id (as Hyper makes them) and a small trial. */
  private static boolean compact(String id, int trial) {
    return trial >= 0 && trial < 1 << TRIAL_BITS && id.length() == Ids.ID_LENGTH && Ids.hexValue(id) >= 0;
  }

  private static long key(String id, int trial) {
    return Ids.hexValue(id) << TRIAL_BITS | trial;
  }

  private static boolean place(long[] keys, long[] rows, long key, long row) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == EMPTY) {
        keys[i] = key;
        rows[i] = row;
        return true;
      }
      if (keys[i] == key) {
        return false;
      }
    }
  }

  private void grow() {
    long[] k = filled(keys.length * 2);
    long[] r = new long[keys.length * 2];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        place(k, r, keys[i], rows[i]);
      }
    }
    keys = k;
    rows = r;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, EMPTY);
    return a;
  }
}
