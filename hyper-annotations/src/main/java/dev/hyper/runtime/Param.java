package dev.hyper.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One component of a sweep record: its name, its jsonnet top-level argument, its type and the values
 * it takes in the sweep. Generated grids are built from these; each value list is immutable and in
 * declaration order.
 *
 * @param <P> the params record
 */
public final class Param<P> {
  /** The Java type of a parameter, which decides how it reaches jsonnet and TOML. */
  public enum Kind {
    DOUBLE, INT, LONG, STRING, BOOLEAN, ENUM;

    /** Whether jsonnet gets this kind as a string ({@code --tla-str}) rather than code. */
    public boolean isString() {
      return this == STRING || this == ENUM;
    }
  }

  private final String component;
  private final String tla;
  private final Kind kind;
  private final Class<?> type;
  private final Function<P, ?> accessor;
  private final List<Object> values;
  private final Distribution distribution;
  private final String group;

  private Param(String component, String tla, Kind kind, Class<?> type, Function<P, ?> accessor, List<?> values) {
    this(component, tla, kind, type, accessor, values, null, "");
  }

  private Param(String component, String tla, Kind kind, Class<?> type, Function<P, ?> accessor, List<?> values,
      Distribution distribution, String group) {
    this.component = Objects.requireNonNull(component);
    this.tla = Objects.requireNonNull(tla);
    this.kind = kind;
    this.type = type;
    this.accessor = accessor;
    this.values = List.<Object>copyOf(values);
    this.distribution = distribution;
    this.group = Objects.requireNonNull(group);
    if (this.values.isEmpty() && distribution == null) {
      throw new IllegalArgumentException("parameter '" + component + "' has no values");
    }
  }

  public static <P> Param<P> doubles(String component, String tla, ToDoubleFunction<P> accessor, double... values) {
    return new Param<>(component, tla, Kind.DOUBLE, double.class, p -> accessor.applyAsDouble(p),
        Arrays.stream(values).boxed().toList());
  }

  public static <P> Param<P> ints(String component, String tla, ToIntFunction<P> accessor, int... values) {
    return new Param<>(component, tla, Kind.INT, int.class, p -> accessor.applyAsInt(p),
        Arrays.stream(values).boxed().toList());
  }

  public static <P> Param<P> longs(String component, String tla, ToLongFunction<P> accessor, long... values) {
    return new Param<>(component, tla, Kind.LONG, long.class, p -> accessor.applyAsLong(p),
        Arrays.stream(values).boxed().toList());
  }

  public static <P> Param<P> strings(String component, String tla, Function<P, String> accessor, String... values) {
    return new Param<>(component, tla, Kind.STRING, String.class, accessor, List.of(values));
  }

  public static <P> Param<P> booleans(String component, String tla, Predicate<P> accessor, boolean... values) {
    List<Object> boxed = new ArrayList<>(values.length);
    for (boolean v : values) {
      boxed.add(v);
    }
    return new Param<>(component, tla, Kind.BOOLEAN, boolean.class, p -> accessor.test(p), boxed);
  }

  @SafeVarargs
  public static <P, E extends Enum<E>> Param<P> enums(
      String component, String tla, Class<E> type, Function<P, E> accessor, E... values) {
    return new Param<>(component, tla, Kind.ENUM, type, accessor, List.of(values));
  }

  /**
   * A double parameter that random search samples from {@code distribution} (a grid cannot enumerate
   * it); its {@link #values()} are empty.
   */
  public static <P> Param<P> sampled(
      String component, String tla, ToDoubleFunction<P> accessor, Distribution distribution) {
    return new Param<>(component, tla, Kind.DOUBLE, double.class, p -> accessor.applyAsDouble(p), List.of(),
        Objects.requireNonNull(distribution), "");
  }

  /**
   * This parameter, paired with every other parameter of group {@code group}: the group's value lists
   * (all of one length) zip by position into one axis of the sweep instead of a product.
   */
  public Param<P> inGroup(String group) {
    if (distribution != null) {
      throw new IllegalArgumentException("parameter '" + component + "' is sampled from " + distribution
          + "; only value lists can be grouped");
    }
    if (group.isEmpty()) {
      throw new IllegalArgumentException("empty group name for '" + component + "'");
    }
    return new Param<>(component, tla, kind, type, accessor, values, null, group);
  }

  /** The distribution random search samples this parameter from, if it has one instead of values. */
  public Optional<Distribution> distribution() {
    return Optional.ofNullable(distribution);
  }

  /** The group this parameter is paired in, or "" for none. */
  public String group() {
    return group;
  }

  /** The same parameter taking other values (of its type), e.g. from a sweep file. */
  public Param<P> withValues(List<?> newValues) {
    for (Object v : newValues) {
      Class<?> boxed = switch (kind) {
        case DOUBLE -> Double.class;
        case INT -> Integer.class;
        case LONG -> Long.class;
        case BOOLEAN -> Boolean.class;
        case STRING, ENUM -> type;
      };
      if (!boxed.isInstance(v)) {
        throw new IllegalArgumentException("parameter '" + component + "' takes " + type.getSimpleName()
            + " values, not " + v);
      }
    }
    return new Param<>(component, tla, kind, type, accessor, newValues, null, group); // a list now, same group
  }

  /** The record component's name, e.g. {@code hiddenDim}. */
  public String component() {
    return component;
  }

  /** The jsonnet top-level argument's name, e.g. {@code hidden_dim}. */
  public String tla() {
    return tla;
  }

  public Kind kind() {
    return kind;
  }

  /** The component's Java type: {@code double.class}, {@code String.class}, the enum class, ... */
  public Class<?> type() {
    return type;
  }

  /** The values this parameter takes, boxed, in declaration order; empty for a {@link #sampled} one. */
  public List<Object> values() {
    return values;
  }

  /** This parameter's value in {@code params}, boxed. */
  public Object valueOf(P params) {
    return accessor.apply(params);
  }

  @Override
  public String toString() {
    return component + " (" + tla + ", " + kind + (group.isEmpty() ? "" : ", group " + group) + ") "
        + (distribution != null ? distribution : values);
  }
}
