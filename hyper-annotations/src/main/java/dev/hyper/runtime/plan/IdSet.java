package dev.hyper.runtime.plan;

import java.util.Arrays;

/**
 * A set of experiment ids (12 hex digits: 48 bits, kept as a {@code long}) in an open-addressing table:
 * 8 to 16 bytes per id, where a {@code HashMap<String, Long>} took about a hundred (a dry run of 1.8
 * million points ran a heap out of memory).
 */
public final class IdSet {
  private static final long EMPTY = -1;
  private long[] slots = filled(1 << 10);
  private int size;

  /** Adds {@code id} (12 lower-case hex digits); whether it was not there yet. */
  public boolean add(String id) {
    long key = Long.parseLong(id, 16);
    if ((size + 1) * 2L > slots.length) {
      grow();
    }
    if (place(slots, key)) {
      size++;
      return true;
    }
    return false;
  }

  private static boolean place(long[] table, long key) {
    int mask = table.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      if (table[i] == EMPTY) {
        table[i] = key;
        return true;
      }
      if (table[i] == key) {
        return false;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = filled(old.length * 2);
    for (long key : old) {
      if (key != EMPTY) {
        place(slots, key);
      }
    }
  }

  /** How many ids the set holds. */
  public int size() {
    return size;
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, EMPTY);
    return a;
  }

  private static int mix(long key) {
    long z = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
    return (int) (z ^ (z >>> 29));
  }
}
