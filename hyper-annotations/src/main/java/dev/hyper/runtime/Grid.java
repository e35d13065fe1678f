package dev.hyper.runtime;

import dev.hyper.runtime.space.Axes;
import dev.hyper.runtime.space.Mix;
import dev.hyper.runtime.space.Permutation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The points of a sweep, numbered 0..size-1 and computed one at a time: nothing is ever materialized,
 * so a sweep of 10^12 points is as cheap as one of 10.
 *
 * <p><b>Axes</b> (the rule is {@link Axes}'s, which the processor applies too). Each parameter with
 * values is an axis, except that parameters of one {@link Param#inGroup group} form a single axis
 * together: their value lists (of one length) zip by position, at the place of the group's first
 * parameter. Parameters {@link Param#sampled sampled} from a distribution are no axis; only random
 * search can use them.
 *
 * <p><b>Grid</b> ({@link Strategy#grid()}): every combination of the axes, numbered in mixed radix in
 * declaration order, the last axis varying fastest. {@link #get(long)} and {@link #indexOf(Object)}
 * cost O(number of parameters): {@code indexOf} finds each axis value's position in a hash table.
 *
 * <p><b>Random search</b> ({@link Strategy#random(long, long)}): point {@code i} is computed alone, from
 * {@code (seed, i)} only, with the hash specified in {@link Mix}, so the same seed gives the same points
 * on any machine and {@code get(i)} needs no earlier point. With D the number of combinations of the
 * axes: the axes' part of point {@code i} is combination {@code perm_r(i mod D)} (in the grid's
 * numbering), where {@code perm_r} is a seeded {@link Permutation} of [0, D) for round
 * {@code r = i / D}; so the first D points have D distinct combinations, each value uniformly
 * distributed, and no combination repeats before all have been drawn. Sampled parameter {@code k} of
 * point {@code i} is its distribution at {@code Mix.unit(seed, i, k)}. Duplicates therefore cannot
 * occur: without sampled parameters the size is {@code min(samples, D)} (asking for more points than
 * exist gives every point once, in seeded order, which {@link #describe()} says), and sampled doubles
 * make every point distinct. (When D exceeds 2^62 each axis value is drawn independently instead.)
 *
 * <p><b>What {@code indexOf} costs in random search.</b> Without sampled parameters: the combination's
 * position, then one inverse of the permutation, O(number of parameters). With sampled parameters the
 * combination recurs in every round of D points, so its index alone does not tell the point. Up to
 * {@value #REPLAY_ROUNDS} rounds, the candidate of each is checked ({@code get}); beyond, a sampled value is
 * inverted instead. The draw {@code t} (53 bits) that gives it is found by a binary search
 * over the monotone distribution (53 steps), and the 2^11 hashes whose top bits are {@code t} are inverted
 * to their indices ({@link Mix#indexOf}); the one in range whose point matches is the answer. That is about
 * 2,048 hash inversions and one {@code get}, whatever the number of samples (about 0.1 ms). Only
 * where more than {@value #MAX_DRAWS} draws give the same double for every sampled parameter (a range
 * far narrower than its doubles' spacing, e.g. {@code uniform(1e15, 1e15 + 1)}), and without sampled
 * parameters over more than 2^62 combinations, does it replay the draws: O(samples / D), or O(samples).
 *
 * @param <P> the params record
 */
public class Grid<P> implements Iterable<P> {
  /** Hash stream of the permutation keys and of independently drawn axis values, apart from sampled ones. */
  private static final int PERMUTATION_STREAM = -1;
  private static final int AXIS_STREAM = 1 << 20;
  /**
   * The most 53-bit draws one sampled value may come from for {@link #indexOf} to invert them: each costs
   * 2^11 hash inversions. Only a range far narrower than its doubles' spacing has more.
   */
  private static final long MAX_DRAWS = 64;
  /**
   * Up to this many rounds of D points {@link #indexOf} checks the one candidate of each round rather than
   * invert a sampled value: 256 {@code get}s cost about what the 2^11 inversions do (0.1 ms).
   */
  private static final long REPLAY_ROUNDS = 256;
  /** What {@link #bySampledValue} returns when no sampled value can be inverted. */
  private static final long NOT_INVERTED = -2;

  private final List<Param<P>> params;
  private final Function<Values, P> factory;
  private final Strategy strategy;
  /** The axes: parameter indices, one for a plain axis, several for a group. */
  private final int[][] axes;
  private final long[] lengths;
  /** Per axis, the position of each value; for a group, of each list of its members' values. */
  private final List<Map<Object, Integer>> positions;
  /** Indices of the sampled parameters, in order. */
  private final int[] sampled;
  /** The number of combinations of the axes, or -1 when it does not fit a long. */
  private final long combinations;
  private final Permutation firstRound;
  private final long size;

  /**
   * A grid: every combination.
   *
   * @param params the record's parameters in component order
   * @param factory builds the record from one point's values, in the same order
   * @throws ArithmeticException if the number of points does not fit a {@code long}
   */
  protected Grid(List<Param<P>> params, Function<Values, P> factory) {
    this(params, factory, Strategy.grid());
  }

  /**
   * The points {@code strategy} draws from {@code params}.
   *
   * @throws ArithmeticException if a grid's number of points does not fit a {@code long}
   * @throws IllegalArgumentException if a group's value lists differ in length, or a grid has a sampled parameter
   */
  protected Grid(List<Param<P>> params, Function<Values, P> factory, Strategy strategy) {
    this.params = List.copyOf(params);
    this.factory = factory;
    this.strategy = strategy;
    Axes space = Axes.of(this.params.stream().map(p -> new Axes.Member(p.component(), p.group(),
        p.distribution().isPresent(), p.values().size())).toList());
    if (!space.mismatches().isEmpty()) {
      Axes.Mismatch m = space.mismatches().get(0);
      throw new IllegalArgumentException("group '" + m.group() + "' " + space.pairs(m)
          + "; paired parameters need value lists of one length");
    }
    this.axes = new int[space.count()][];
    this.lengths = new long[space.count()];
    for (int a = 0; a < space.count(); a++) {
      axes[a] = space.members(a);
      lengths[a] = space.length(a);
    }
    List<Map<Object, Integer>> positions = new ArrayList<>();
    for (int a = 0; a < this.axes.length; a++) {
      Map<Object, Integer> byValue = new HashMap<>();
      for (int k = 0; k < lengths[a]; k++) {
        final int position = k;
        byValue.putIfAbsent(key(a, member -> this.params.get(member).values().get(position)), k);
      }
      positions.add(byValue);
    }
    this.positions = List.copyOf(positions);
    this.sampled = space.sampled();
    BigInteger product = space.combinations();
    this.combinations = product.bitLength() < 64 ? product.longValueExact() : -1;
    if (!strategy.isRandom()) {
      if (this.sampled.length > 0) {
        Param<P> p = this.params.get(this.sampled[0]);
        throw new IllegalArgumentException("a grid cannot enumerate '" + p.component() + "' ~ "
            + p.distribution().orElseThrow() + ": use random search (Strategy.random)");
      }
      if (combinations < 0) {
        throw new ArithmeticException("the grid has " + product + " points, more than a long counts");
      }
      this.firstRound = null;
    } else {
      boolean permuted = combinations > 0 && combinations <= Permutation.MAX_SIZE;
      this.firstRound = permuted ? permutation(0) : null;
    }
    this.size = space.points(strategy.samples()).longValueExact();
  }

  /** The parameters, in component order. */
  public final List<Param<P>> params() {
    return params;
  }

  /**
   * The axes, in order, each its parameters: one alone, or a group's, paired; {@link Param#sampled sampled}
   * parameters are on none (the class comment has the rule).
   */
  public final List<List<Param<P>>> axes() {
    List<List<Param<P>>> out = new ArrayList<>(axes.length);
    for (int[] axis : axes) {
      out.add(java.util.Arrays.stream(axis).mapToObj(params::get).toList());
    }
    return out;
  }

  /** How the points are drawn. */
  public final Strategy strategy() {
    return strategy;
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
    if (!strategy.isRandom()) {
      decode(index, values);
    } else {
      drawAxes(index, values);
      for (int k = 0; k < sampled.length; k++) {
        Distribution d = params.get(sampled[k]).distribution().orElseThrow();
        values[sampled[k]] = d.at(Mix.unit(strategy.seed(), index, k));
      }
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

  /**
   * The index of {@code point}, or -1 if it is not one of this sweep's points (the smallest index, should a
   * point occur twice). What it costs is in the class comment: O(number of parameters) except for random
   * search without sampled parameters over more than 2^62 combinations, where it replays the draws.
   */
  public final long indexOf(P point) {
    long combination = combinationOf(point);
    if (combination < 0) {
      return -1;
    }
    if (!strategy.isRandom()) {
      return combination;
    }
    for (int k : sampled) {
      if (!params.get(k).distribution().orElseThrow().contains((Double) params.get(k).valueOf(point))) {
        return -1;
      }
    }
    long rounds = firstRound == null ? Long.MAX_VALUE : (size - 1) / combinations + 1;
    if (sampled.length > 0 && rounds > REPLAY_ROUNDS) {
      long i = bySampledValue(point);
      if (i != NOT_INVERTED) {
        return i;
      }
    }
    if (firstRound == null) {
      for (long i = 0; i < size; i++) { // more than 2^62 combinations: axis values were drawn independently
        if (get(i).equals(point)) {
          return i;
        }
      }
      return -1;
    }
    for (long round = 0; round < rounds; round++) {
      long i = round * combinations + permutation(round).inverse(combination);
      if (i < size && (sampled.length == 0 || get(i).equals(point))) {
        return i;
      }
    }
    return -1;
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
    return new Grid<>(changed, factory, strategy);
  }

  /** This grid's parameters drawn another way (a random search with another seed or number of samples). */
  public final Grid<P> withStrategy(Strategy other) {
    return new Grid<>(params, factory, other);
  }

  /** The group {@link #ofPoints} pairs every parameter in. */
  public static final String POINTS_GROUP = "hyper-points";

  /**
   * A grid whose points are exactly {@code points}, in order: each parameter takes its values at the points,
   * all paired in one group ({@link #POINTS_GROUP}). For appending chosen points (a model's proposals) to a
   * sweep like any other.
   *
   * @throws IllegalArgumentException if {@code points} is empty
   */
  public final Grid<P> ofPoints(List<P> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points");
    }
    List<Param<P>> listed = new ArrayList<>();
    for (Param<P> p : params) {
      List<Object> values = new ArrayList<>();
      for (P point : points) {
        values.add(p.valueOf(point));
      }
      listed.add(p.withValues(values).inGroup(POINTS_GROUP));
    }
    return new Grid<>(listed, factory, Strategy.grid());
  }

  /** The component names, in order. */
  public final List<String> components() {
    List<String> names = new ArrayList<>();
    params.forEach(p -> names.add(p.component()));
    return names;
  }

  /**
   * One line on how the points are drawn, for {@code show} and the manifest: {@code grid of 72 points},
   * {@code random search: 12 samples, seed 7, ...}, and whether samples were capped.
   */
  public final String describe() {
    String paired = axes.length == 0 ? "" : java.util.Arrays.stream(axes).filter(a -> a.length > 1)
        .map(a -> java.util.Arrays.stream(a).mapToObj(i -> params.get(i).component())
            .collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.joining(" "));
    String pairs = paired.isEmpty() ? "" : ", paired " + paired;
    if (!strategy.isRandom()) {
      return "grid of " + size + (size == 1 ? " point" : " points") + pairs;
    }
    String space = (combinations < 0 ? "more than 2^63" : Long.toString(combinations)) + " combinations of "
        + axes.length + (axes.length == 1 ? " axis" : " axes") + pairs
        + (sampled.length == 0 ? "" : ", sampled " + java.util.Arrays.stream(sampled)
            .mapToObj(i -> params.get(i).component() + " ~ " + params.get(i).distribution().orElseThrow())
            .collect(Collectors.joining(", ")));
    String head = "random search, seed " + strategy.seed() + ": ";
    if (size < strategy.samples()) {
      return head + strategy.samples() + " samples asked but only " + size + " distinct points exist ("
          + space + "); each is taken once, in seeded order";
    }
    return head + size + " samples from " + space;
  }

  /** Grid decoding: mixed radix over the axes, last fastest. */
  private void decode(long index, Object[] values) {
    long rest = index;
    for (int a = axes.length - 1; a >= 0; a--) {
      int position = (int) (rest % lengths[a]);
      rest /= lengths[a];
      put(a, position, values);
    }
  }

  private void drawAxes(long index, Object[] values) {
    if (axes.length == 0) {
      return;
    }
    if (firstRound != null) {
      long round = index / combinations;
      Permutation perm = round == 0 ? firstRound : permutation(round);
      decode(perm.apply(index % combinations), values);
      return;
    }
    for (int a = 0; a < axes.length; a++) {
      put(a, (int) Mix.below(strategy.seed(), index, AXIS_STREAM + a, lengths[a]), values);
    }
  }

  private void put(int axis, int position, Object[] values) {
    for (int member : axes[axis]) {
      values[member] = params.get(member).values().get(position);
    }
  }

  private Permutation permutation(long round) {
    return new Permutation(combinations, Mix.hash(strategy.seed(), round, PERMUTATION_STREAM));
  }

  /**
   * The index of {@code point} found from one of its sampled values, or {@link #NOT_INVERTED}. Sampled value
   * {@code k} of point {@code i} is {@code at(t * 2^-53)} for the top 53 bits {@code t} of
   * {@code Mix.hash(seed, i, k)}, and {@code at} is monotone: a binary search finds the few {@code t} that
   * give the value, and for each of them and each of the 2^11 low bits the hash is inverted to its index
   * ({@link Mix#indexOf}). An index in range whose point is {@code point} is the answer.
   */
  private long bySampledValue(P point) {
    for (int k = 0; k < sampled.length; k++) {
      Param<P> p = params.get(sampled[k]);
      Distribution d = p.distribution().orElseThrow();
      double v = (Double) p.valueOf(point);
      long first = firstDraw(d, v, false);
      long end = firstDraw(d, v, true);
      if (end - first > MAX_DRAWS) {
        continue;
      }
      long found = -1;
      for (long t = first; t < end; t++) {
        for (long low = 0; low < 1 << 11; low++) {
          long i = Mix.indexOf(strategy.seed(), t << 11 | low, k);
          if (i >= 0 && i < size && (found < 0 || i < found) && get(i).equals(point)) {
            found = i;
          }
        }
      }
      return found;
    }
    return NOT_INVERTED;
  }

  /** The least 53-bit draw {@code t} with {@code d.at(t * 2^-53)} at least {@code v} (above it: {@code above}), or 2^53. */
  private static long firstDraw(Distribution d, double v, boolean above) {
    long lo = 0;
    long hi = 1L << 53;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      double at = d.at(mid * 0x1.0p-53);
      if (above ? at > v : at >= v) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The grid index of the point's axis values, or -1 if one is not on its axis. */
  private long combinationOf(P point) {
    long index = 0;
    for (int a = 0; a < axes.length; a++) {
      int position = positionOf(a, point);
      if (position < 0) {
        return -1;
      }
      index = index * lengths[a] + position;
    }
    return index;
  }

  private int positionOf(int axis, P point) {
    Integer position = positions.get(axis).get(key(axis, member -> params.get(member).valueOf(point)));
    return position == null ? -1 : position;
  }

  /** The key of {@link #positions} for axis {@code axis}: its value, or for a group the list of its members' values. */
  private Object key(int axis, java.util.function.IntFunction<Object> valueOfMember) {
    int[] members = axes[axis];
    if (members.length == 1) {
      return valueOfMember.apply(members[0]);
    }
    Object[] values = new Object[members.length];
    for (int m = 0; m < members.length; m++) {
      values[m] = valueOfMember.apply(members[m]);
    }
    return java.util.Arrays.asList(values);
  }
}
