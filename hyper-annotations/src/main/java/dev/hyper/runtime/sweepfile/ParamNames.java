package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Param;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a sweep's parameter by any of the names a sweep file may use: the jsonnet name
 * ({@code hidden_dim}), the component name ({@code hiddenDim}), or the seed's {@code params.}-prefixed
 * form of either ({@code params.hidden_dim}).
 */
final class ParamNames<P> {
  private static final String PREFIX = "params.";
  private final List<Param<P>> params;

  ParamNames(List<Param<P>> params) {
    this.params = params;
  }

  Optional<Param<P>> find(String key) {
    String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    for (Param<P> p : params) {
      if (p.tla().equals(name) || p.component().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** "Did you mean 'x'?" for a near miss, else the list of valid names. */
  String unknown(String key) {
    String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    Set<String> candidates = new LinkedHashSet<>();
    params.forEach(p -> candidates.add(p.tla()));
    params.forEach(p -> candidates.add(p.component()));
    String hint = dev.hyper.runtime.check.Suggest.nearest(name, candidates)
        .map(n -> "Did you mean '" + n + "'?")
        .orElseGet(() -> "Valid: " + String.join(", ", tlas()) + ".");
    return "'" + key + "' is not a parameter of this sweep. " + hint;
  }

  List<String> tlas() {
    List<String> names = new ArrayList<>();
    params.forEach(p -> names.add(p.tla()));
    return names;
  }
}
