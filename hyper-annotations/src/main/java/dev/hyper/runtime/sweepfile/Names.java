package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.check.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Near-miss suggestions for misspelled names in sweep files, with the processor's rule ({@link Suggest}). */
final class Names {
  private Names() {}

  /** The most candidates "Valid: ..." lists: every fixed key list of a sweep file fits (the slurm keys are nine). */
  private static final int LISTED = 10;

  /** "Did you mean 'x'?" for a near miss; otherwise "Valid: a, b, c." listing up to {@link #LISTED} candidates. */
  static String suggest(String name, Collection<String> candidates) {
    return Suggest.nearest(name, candidates).map(n -> "Did you mean '" + n + "'?").orElseGet(() -> {
      List<String> listed = new ArrayList<>(candidates);
      String more = listed.size() > LISTED ? ", ..." : "";
      return "Valid: " + String.join(", ", listed.subList(0, Math.min(LISTED, listed.size()))) + more + ".";
    });
  }
}
