package dev.hyper.runtime.search;

import java.util.Arrays;
import java.util.List;

/**
 * Unordered choices: a string, boolean or enum value list, or a group of paired parameters, whose choices
 * are the distinct tuples of the group's values by position.
 */
final class ChoiceDimension implements Dimension {
  private final int[] members;
  private final List<List<Object>> choices;

  /** @param choices the distinct tuples of the {@code members}' values, at least two */
  ChoiceDimension(int[] members, List<List<Object>> choices) {
    this.members = members.clone();
    this.choices = List.copyOf(choices);
  }

  @Override
  public double coordinate(Object[] values) {
    Object[] tuple = new Object[members.length];
    for (int i = 0; i < members.length; i++) {
      tuple[i] = values[members[i]];
    }
    int choice = choices.indexOf(Arrays.asList(tuple));
    return choice < 0 ? Double.NaN : choice;
  }

  @Override
  public void write(double coordinate, Object[] values) {
    List<Object> tuple = choices.get((int) coordinate);
    for (int i = 0; i < members.length; i++) {
      values[members[i]] = tuple.get(i);
    }
  }

  @Override
  public Kernels kernels(double[] centres, int dimensions) {
    return new ChoiceKernels(choices.size(), centres);
  }
}
