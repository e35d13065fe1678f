package dev.hyper.runtime.search;

import dev.hyper.runtime.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A sweep's parameters as the estimator's dimensions, ungrouped ones in order and then the groups: a sampled
 * parameter is {@link ContinuousDimension continuous}, a numeric value list {@link RankedDimension ranked},
 * a string, boolean or enum list or a group of paired parameters {@link ChoiceDimension choices}. An axis
 * with a single distinct value is fixed and not modelled.
 */
final class SpaceModel {
  private final List<Dimension> dimensions = new ArrayList<>();
  /** One value per parameter: the fixed ones' values, null for modelled ones. */
  private final Object[] fixed;

  SpaceModel(List<? extends Param<?>> params) {
    fixed = new Object[params.size()];
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      Param<?> p = params.get(i);
      if (p.distribution().isPresent()) {
        dimensions.add(new ContinuousDimension(i, p.distribution().orElseThrow()));
      } else if (!p.group().isEmpty()) {
        groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(i);
      } else if (isNumber(p.kind())) {
        int param = i;
        List<Object> ascending = p.values().stream().distinct().sorted().toList();
        axis(new int[] {i}, ascending.stream().map(List::of).toList(), () -> new RankedDimension(param, ascending));
      } else {
        choiceAxis(params, List.of(i));
      }
    }
    groups.values().forEach(members -> choiceAxis(params, members));
  }

  /** The modelled dimensions. */
  List<Dimension> dimensions() {
    return dimensions;
  }

  /** The point's coordinate on each dimension (NaN where the space lacks its value). */
  double[] coordinates(Object[] values) {
    double[] x = new double[dimensions.size()];
    for (int d = 0; d < x.length; d++) {
      x[d] = dimensions.get(d).coordinate(values);
    }
    return x;
  }

  /** One value per parameter, in component order, of the point at coordinates {@code x}. */
  Object[] values(double[] x) {
    Object[] values = fixed.clone();
    for (int d = 0; d < x.length; d++) {
      dimensions.get(d).write(x[d], values);
    }
    return values;
  }

  private void choiceAxis(List<? extends Param<?>> params, List<Integer> members) {
    int[] ms = members.stream().mapToInt(Integer::intValue).toArray();
    Set<List<Object>> tuples = new LinkedHashSet<>();
    for (int position = 0; position < params.get(ms[0]).values().size(); position++) {
      List<Object> tuple = new ArrayList<>();
      for (int m : ms) {
        tuple.add(params.get(m).values().get(position));
      }
      tuples.add(List.copyOf(tuple));
    }
    List<List<Object>> choices = List.copyOf(tuples);
    axis(ms, choices, () -> new ChoiceDimension(ms, choices));
  }

  private void axis(int[] members, List<List<Object>> choices, Supplier<Dimension> modelled) {
    if (choices.size() > 1) {
      dimensions.add(modelled.get());
      return;
    }
    for (int i = 0; i < members.length; i++) {
      fixed[members[i]] = choices.get(0).get(i);
    }
  }

  private static boolean isNumber(Param.Kind kind) {
    return kind == Param.Kind.DOUBLE || kind == Param.Kind.INT || kind == Param.Kind.LONG;
  }
}
