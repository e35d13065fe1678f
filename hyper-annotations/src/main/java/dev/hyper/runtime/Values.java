package dev.hyper.runtime;

import java.util.List;

/**
 * The values of one grid point, in component order, as handed to a generated record factory:
 * {@code v -> new RnnParams(v.getDouble(0), v.getInt(1))}.
 */
public final class Values {
  private final List<Object> values;

  public Values(List<Object> values) {
    this.values = List.copyOf(values);
  }

  public int size() {
    return values.size();
  }

  public Object get(int i) {
    return values.get(i);
  }

  public double getDouble(int i) {
    return (Double) values.get(i);
  }

  public int getInt(int i) {
    return (Integer) values.get(i);
  }

  public long getLong(int i) {
    return (Long) values.get(i);
  }

  public String getString(int i) {
    return (String) values.get(i);
  }

  public boolean getBoolean(int i) {
    return (Boolean) values.get(i);
  }

  public <E extends Enum<E>> E getEnum(int i, Class<E> type) {
    return type.cast(values.get(i));
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
