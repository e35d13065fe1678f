package dev.hyper.runtime.results;

import dev.hyper.runtime.plan.Ids;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which experiments are trials of one point (the same id), wherever the manifest lists them (a later sweep
 * with more trials appends them at the end): the experiments of a point form a ring in manifest order, one
 * {@code int} per experiment, which a point's statistics are computed from when they are asked for. While
 * experiments are added, an id of Hyper's form (up to 15 hex digits) is found by its number in an
 * open-addressing table of the points seen so far; any other id in a map. Both go at {@link #finish}.
 */
final class PointGroups {
  private static final long EMPTY = 0;
  private static final double LOAD = 0.7;

  private int[] next;
  private int size;
  private boolean anyShared;
  private long[] keys = new long[1024];
  private int[] latest = new int[1024];
  private int used;
  private Map<String, Integer> others = new HashMap<>();

  PointGroups(int capacity) {
    next = new int[Math.max(16, capacity)];
  }

  /** Adds the next experiment (its position is the number added before it), a trial of point {@code id}. */
  void add(String id) {
    int p = size++;
    if (p == next.length) {
      next = Arrays.copyOf(next, p + p / 2);
    }
    long key = key(id);
    int prev = key == EMPTY ? swapOther(id, p) : swap(key, p);
    if (prev < 0) {
      next[p] = p;
    } else {                                       // after the point's last experiment, before its first
      next[p] = next[prev];
      next[prev] = p;
      anyShared = true;
    }
  }

  /** Drops what finding points took; the rings stay. */
  void finish() {
    keys = null;
    latest = null;
    others = null;
    next = Arrays.copyOf(next, size);
  }

  /** Whether some point has more than one experiment. */
  boolean anyShared() {
    return anyShared;
  }

  /** The first experiment (in manifest order) of the point of experiment {@code p}. */
  int first(int p) {
    int x = p;
    while (next[x] > x) {
      x = next[x];
    }
    return next[x];
  }

  /** The experiment after {@code p} in its point, in manifest order, back to the first after the last. */
  int next(int p) {
    return next[p];
  }

  /** The number of an id of up to 15 hex digits, with its length on top; {@link #EMPTY} for any other id. */
  static long key(String id) {
    long v = Ids.hexValue(id);
    return v < 0 ? EMPTY : ((long) id.length() << 60) | v;
  }

  private int swapOther(String id, int p) {
    Integer prev = others.put(id, p);
    return prev == null ? -1 : prev;
  }

  /** Records {@code p} as the latest experiment of {@code key}'s point; the one before, or -1. */
  private int swap(long key, int p) {
    if (used + 1 > keys.length * LOAD) {
      grow();
    }
    int i = slot(key, keys.length);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        int prev = latest[i];
        latest[i] = p;
        return prev;
      }
      i = i + 1 == keys.length ? 0 : i + 1;
    }
    keys[i] = key;
    latest[i] = p;
    used++;
    return -1;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldLatest = latest;
    int capacity = oldKeys.length + oldKeys.length / 2;
    keys = new long[capacity];
    latest = new int[capacity];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = slot(oldKeys[j], capacity);
        while (keys[i] != EMPTY) {
          i = i + 1 == capacity ? 0 : i + 1;
        }
        keys[i] = oldKeys[j];
        latest[i] = oldLatest[j];
      }
    }
  }

  private static int slot(long key, int capacity) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (((h >>> 32) * capacity) >>> 32);
  }
}
