package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.check.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Near-miss suggestions for misspelled names in sweep files, with the processor's rule ({@link Suggest}). */
final class Names {
  private Names() {}

  /** "Did you mean 'x'?" for a near miss; otherwise "Valid: a, b, c." listing up to seven candidates. */
  static String suggest(String name, Collection<String> candidates) {
    return Suggest.nearest(name, candidates).map(n -> "Did you mean '" + n + "'?").orElseGet(() -> {
      List<String> listed = new ArrayList<>(candidates);
      String more = listed.size() > 7 ? ", ..." : "";
      return "Valid: " + String.join(", ", listed.subList(0, Math.min(7, listed.size()))) + more + ".";
    });
  }
}
