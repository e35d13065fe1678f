package dev.hyper.runtime.sweepfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Near-miss suggestions for misspelled names. */
final class Names {
  private Names() {}

  /**
   * "Did you mean 'x'?" when one candidate is within edit distance 2 (or a third of the name) of
   * {@code name}; otherwise "Valid: a, b, c." listing up to five candidates.
   */
  static String suggest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
      return "Did you mean '" + best + "'?";
    }
    List<String> listed = new ArrayList<>(candidates);
    String more = listed.size() > 5 ? ", ..." : "";
    return "Valid: " + String.join(", ", listed.subList(0, Math.min(5, listed.size()))) + more + ".";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
