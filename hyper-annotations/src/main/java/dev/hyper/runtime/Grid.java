package dev.hyper.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The cartesian product of a sweep's parameters, enumerated lazily.
 *
 * <p>Points are numbered in mixed radix over the parameters in declaration order, the last parameter
 * varying fastest: {@link #get(long)} and {@link #indexOf(Object)} cost O(number of parameters) and
 * nothing is ever materialized, so a grid of 10^12 points is as cheap as one of 10.
 *
 * @param <P> the params record
 */
public class Grid<P> implements Iterable<P> {
  private final List<Param<P>> params;
  private final Function<Values, P> factory;
  private final long size;

  /**
   * @param params the record's parameters in component order
   * @param factory builds the record from one point's values, in the same order
   * @throws ArithmeticException if the number of points does not fit a {@code long}
   */
  protected Grid(List<Param<P>> params, Function<Values, P> factory) {
    this.params = List.copyOf(params);
    this.factory = factory;
    long n = 1;
    for (Param<P> p : this.params) {
      n = Math.multiplyExact(n, (long) p.values().size());
    }
    this.size = n;
  }

  /** The parameters, in component order. */
  public final List<Param<P>> params() {
    return params;
  }

  /** The number of points. */
  public final long size() {
    return size;
  }

  /** The point at {@code index}, 0 &lt;= index &lt; {@link #size()}. */
  public final P get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " out of a grid of " + size + " points");
    }
    Object[] values = new Object[params.size()];
    long rest = index;
    for (int i = params.size() - 1; i >= 0; i--) {
      List<Object> axis = params.get(i).values();
      values[i] = axis.get((int) (rest % axis.size()));
      rest /= axis.size();
    }
    return factory.apply(new Values(List.of(values)));
  }

  /**
   * Builds a point from one value per parameter, in component order, whether or not the values are on
   * this grid (a config file may hold any value of the right type).
   */
  public final P create(Values values) {
    if (values.size() != params.size()) {
      throw new IllegalArgumentException("expected " + params.size() + " values, got " + values.size());
    }
    return factory.apply(values);
  }

  /** The index of {@code point} in this grid, or -1 if one of its values is not on the grid. */
  public final long indexOf(P point) {
    long index = 0;
    for (Param<P> p : params) {
      int i = p.indexIn(point);
      if (i < 0) {
        return -1;
      }
      index = index * p.values().size() + i;
    }
    return index;
  }

  /** Every point, in index order, lazily. */
  public final Stream<P> stream() {
    return LongStream.range(0, size).mapToObj(this::get);
  }

  @Override
  public final Iterator<P> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public P next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  /**
   * This grid with other values for some parameters, keyed by component name (a sweep file or
   * {@code --set}); the others keep theirs.
   */
  public final Grid<P> withValues(java.util.Map<String, List<Object>> valuesByComponent) {
    List<Param<P>> changed = new ArrayList<>();
    for (Param<P> p : params) {
      List<Object> values = valuesByComponent.get(p.component());
      changed.add(values == null ? p : p.withValues(values));
    }
    if (!valuesByComponent.keySet().stream().allMatch(components()::contains)) {
      throw new IllegalArgumentException("not components of this grid: " + valuesByComponent.keySet());
    }
    return new Grid<>(changed, factory);
  }

  /** The component names, in order. */
  public final List<String> components() {
    List<String> names = new ArrayList<>();
    params.forEach(p -> names.add(p.component()));
    return names;
  }
}
