package dev.hyper.runtime.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The axes of a sweep and how many points they give: the one rule that {@code Grid} and the processor
 * apply to a sweep's parameters.
 *
 * <p>Each parameter with values is an axis, except that the parameters of one group form a single axis
 * together, at the place of the group's first parameter: their value lists zip by position, so they must
 * be of one length ({@link #mismatches()}). Parameters sampled from a distribution are on no axis. The
 * combinations are the product of the axes' lengths. A grid has that many points. Random search has as
 * many as it samples, except that without sampled parameters it draws each combination at most once, so
 * it has no more points than combinations (up to {@link Permutation#MAX_SIZE} combinations; beyond, each
 * axis value is drawn independently and every sample is a point).
 */
public final class Axes {
  /**
   * One parameter as the axes see it.
   *
   * @param name the parameter's name, for messages
   * @param group its group, "" for none
   * @param sampled whether it is sampled from a distribution (then it is on no axis)
   * @param values how many values it lists; 0 when sampled
   */
  public record Member(String name, String group, boolean sampled, int values) {
    public Member {
      Objects.requireNonNull(name);
      Objects.requireNonNull(group);
    }
  }

  /**
   * Two parameters of one group whose value lists differ in length.
   *
   * @param group the group
   * @param first the index of the group's first parameter
   * @param other the index of a later one with another number of values
   */
  public record Mismatch(String group, int first, int other) {}

  private final List<Member> members;
  private final int[][] axes;
  private final int[] sampled;

  private Axes(List<Member> members, int[][] axes, int[] sampled) {
    this.members = members;
    this.axes = axes;
    this.sampled = sampled;
  }

  /** The axes of {@code members}, the parameters in declaration order. */
  public static Axes of(List<Member> members) {
    List<Member> copy = List.copyOf(members);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<List<Integer>> axes = new ArrayList<>();
    List<Integer> sampled = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      Member m = copy.get(i);
      if (m.sampled()) {
        sampled.add(i);
      } else if (m.group().isEmpty()) {
        axes.add(List.of(i));
      } else {
        List<Integer> group = groups.get(m.group());
        if (group == null) {
          group = new ArrayList<>();
          groups.put(m.group(), group);
          axes.add(group);                             // the group's place: that of its first parameter
        }
        group.add(i);
      }
    }
    return new Axes(copy, axes.stream().map(Axes::toArray).toArray(int[][]::new), toArray(sampled));
  }

  /** The number of axes. */
  public int count() {
    return axes.length;
  }

  /** The parameters on axis {@code axis}, by index: one, or a group's in declaration order. */
  public int[] members(int axis) {
    return axes[axis].clone();
  }

  /** How many values axis {@code axis} takes: those of its (first) parameter. */
  public int length(int axis) {
    return members.get(axes[axis][0]).values();
  }

  /** The sampled parameters, by index, in order. */
  public int[] sampled() {
    return sampled.clone();
  }

  /** Each group's later parameters whose number of values differs from its first one's, in order. */
  public List<Mismatch> mismatches() {
    List<Mismatch> out = new ArrayList<>();
    for (int[] axis : axes) {
      for (int k = 1; k < axis.length; k++) {
        if (members.get(axis[k]).values() != members.get(axis[0]).values()) {
          out.add(new Mismatch(members.get(axis[0]).group(), axis[0], axis[k]));
        }
      }
    }
    return out;
  }

  /**
   * What both sides' messages say of a mismatch after naming its group:
   * {@code pairs 'hiddenDim' (3 values) with 'layers' (2 values)}.
   */
  public String pairs(Mismatch m) {
    Member first = members.get(m.first());
    Member other = members.get(m.other());
    return "pairs '" + first.name() + "' (" + first.values() + " values) with '" + other.name() + "' ("
        + other.values() + " values)";
  }

  /** The number of combinations of the axes' values: the product of their lengths (1 for no axes). */
  public BigInteger combinations() {
    BigInteger product = BigInteger.ONE;
    for (int a = 0; a < axes.length; a++) {
      product = product.multiply(BigInteger.valueOf(length(a)));
    }
    return product;
  }

  /** The number of points: {@code samples} 0 for the grid (every combination), else random search's (class comment). */
  public BigInteger points(long samples) {
    BigInteger combinations = combinations();
    if (samples == 0) {
      return combinations;
    }
    BigInteger asked = BigInteger.valueOf(samples);
    boolean drawnOnce = sampled.length == 0 && combinations.compareTo(BigInteger.valueOf(Permutation.MAX_SIZE)) <= 0;
    return drawnOnce ? asked.min(combinations) : asked;
  }

  private static int[] toArray(List<Integer> indices) {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
