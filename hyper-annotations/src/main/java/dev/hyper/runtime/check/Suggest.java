package dev.hyper.runtime.check;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Near-miss suggestions: edit distance at most 2, or at most a third of the name's length. Shared by
 * the processor and the launcher so both suggest the same names.
 */
public final class Suggest {
  private Suggest() {}

  /** The closest candidate within the threshold (ties: the first), or empty. */
  public static Optional<String> nearest(String name, Collection<String> candidates) {
    for (String c : candidates) {
      if (!c.equals(name) && normalize(c).equals(normalize(name))) {
        return Optional.of(c); // differs only in case, '_' or '-': the best guess there is
      }
    }
    int threshold = Math.max(2, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name, c);
      if (c.equals(name)) {
        continue;
      }
      if (d <= threshold && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String normalize(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
  }

  /** Levenshtein distance, case-insensitive. */
  public static int distance(String a, String b) {
    a = a.toLowerCase(java.util.Locale.ROOT);
    b = b.toLowerCase(java.util.Locale.ROOT);
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Up to 5 names, quoted and comma-separated, then {@code ... (N in all)}. */
  public static String quotedList(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.size() && i < 5; i++) {
      s.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
    }
    if (names.size() > 5) {
      s.append(", ... (").append(names.size()).append(" in all)");
    }
    return s.toString();
  }
}
