package dev.hyper.runtime.search;

import dev.hyper.runtime.Grid;
import dev.hyper.runtime.Strategy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Random search over a space with a seed, walked in index order past the points already taken: the
 * points {@link Strategy#random} draws, so without sampled parameters every combination comes once
 * before the walk ends.
 */
final class RandomPoints<P> {
  private final Grid<P> random;
  private long next;

  RandomPoints(Grid<P> space, long seed) {
    this.random = new Grid<>(space.params(), space::create, Strategy.random(Long.MAX_VALUE, seed)) {};
  }

  /** The next point whose {@link Tpe#key key} is not in {@code taken}, or empty if none is left. */
  Optional<P> next(Set<List<Object>> taken) {
    while (next < random.size()) {
      P p = random.get(next++);
      if (!taken.contains(Tpe.key(random, p))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
