package dev.hyper.runtime.results;

import dev.hyper.runtime.Tla;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each experiment's value of each of the sweep's parameters, as the number of the value (its text) in a table
 * per parameter: a byte per experiment and parameter while a parameter has at most 255 values, two bytes up to
 * {@link #MAX_VALUES}. The marginals, the importance and the charts group experiments by these numbers.
 *
 * <p>A parameter with more values than {@link #MAX_VALUES} (a sampled one) is grouped by ranges instead when
 * its values are all numbers: {@link #BINS} ranges of equal width between its least and greatest value, on a
 * log scale when they are all positive and span more than a factor of 100 (as the parallel coordinates
 * choose), once every experiment is in ({@link #regroup}): until then it keeps the number of each value past the
 * first {@link #MAX_VALUES}, 8 bytes an experiment, so that no row is read twice. One whose values are not all
 * numbers keeps its first {@link #MAX_VALUES} and groups the rest as {@link #OTHERS}. Either way the tables of
 * values do not grow with the number of values.
 */
final class ParamColumns {
  /** The most values of a parameter the report groups experiments by one by one. */
  static final int MAX_VALUES = 1000;
  /** How many ranges a parameter with more values than {@link #MAX_VALUES} is grouped by. */
  static final int BINS = 10;
  /** The group of a parameter's values past the first {@link #MAX_VALUES} when they are not all numbers. */
  static final String OTHERS = "(other values)";
  private static final int OVER = MAX_VALUES;

  /** A numeric parameter's ranges: its least and greatest value and the scale they are divided on. */
  record Range(double lo, double hi, boolean log) {}

  private final List<String> names;
  private final int[] column;                      // the manifest column of each parameter, or -1
  private final List<Column> columns = new ArrayList<>();
  private int size;

  /** One parameter's values and each experiment's number of its value. */
  private static final class Column {
    final Map<String, Integer> byCode = new HashMap<>();
    final Map<String, Integer> byText = new HashMap<>();
    final List<String> texts = new ArrayList<>();
    double[] numbers = new double[16];
    byte[] small;
    short[] wide;
    boolean over;
    /** The number of each experiment's value where it is past the table (a numeric column that is over). */
    double[] past;
    boolean numeric = true;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    Range range;

    Column(int capacity) {
      small = new byte[capacity];
    }

    int get(int p) {
      return small != null ? small[p] & 0xff : wide[p] & 0xffff;
    }

    void set(int p, int v) {
      if (small != null && p >= small.length || wide != null && p >= wide.length) {
        int n = Math.max(16, p + p / 2);
        if (small != null) {
          small = Arrays.copyOf(small, n);
        } else {
          wide = Arrays.copyOf(wide, n);
        }
      }
      if (small != null && v > 254) {
        wide = new short[small.length];
        for (int i = 0; i < small.length; i++) {
          wide[i] = (short) (small[i] & 0xff);
        }
        small = null;
      }
      if (small != null) {
        small[p] = (byte) v;
      } else {
        wide[p] = (short) v;
      }
    }

    /**
     * The number of {@code text}, experiment {@code p}'s value, a new one if there is room; {@link #OVER} if not
     * (its number is then kept for {@link #regroup}).
     */
    int index(String text, int p) {
      Integer i = byText.get(text);
      if (i != null) {
        return i;
      }
      if (texts.size() >= MAX_VALUES) {
        over = true;
        double x = number(text);
        track(x);
        keep(p, x);
        return OVER;
      }
      int n = texts.size();
      texts.add(text);
      byText.put(text, n);
      if (n == numbers.length) {
        numbers = Arrays.copyOf(numbers, 2 * n);
      }
      numbers[n] = number(text);
      track(numbers[n]);
      return n;
    }

    /** Keeps experiment {@code p}'s number while the column can still be grouped by ranges. */
    void keep(int p, double x) {
      if (!numeric) {
        past = null;
        return;
      }
      if (past == null) {
        past = new double[Math.max(p + 1, small != null ? small.length : wide.length)];
      } else if (p >= past.length) {
        past = Arrays.copyOf(past, Math.max(p + 1, p + p / 2));
      }
      past[p] = x;
    }

    void track(double v) {
      if (Double.isNaN(v)) {
        numeric = false;
      } else {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }

    void trim(int size) {
      if (small != null) {
        small = Arrays.copyOf(small, size);
      } else {
        wide = Arrays.copyOf(wide, size);
      }
    }
  }

  /**
   * @param names the sweep's parameters (jsonnet names)
   * @param manifestColumns the manifest's columns, which the rows' codes follow
   * @param capacity how many experiments to make room for at first
   */
  ParamColumns(List<String> names, List<String> manifestColumns, int capacity) {
    this.names = List.copyOf(names);
    this.column = new int[names.size()];
    for (int j = 0; j < names.size(); j++) {
      column[j] = manifestColumns.indexOf(names.get(j));
      columns.add(new Column(Math.max(16, capacity)));
    }
  }

  /** Adds the next experiment from its manifest row's codes, whose values {@code params} reads. */
  void addCodes(List<String> codes, RowParams params) {
    int p = size++;
    for (int j = 0; j < column.length; j++) {
      Column c = columns.get(j);
      if (column[j] < 0) {
        c.set(p, c.index("", p));
        continue;
      }
      String code = codes.get(column[j]);
      Integer known = c.byCode.get(code);
      if (known == null) {
        known = c.index(params.tla(column[j], code).text(), p);
        if (known != OVER && c.byCode.size() < RowParams.INTERNED) {
          c.byCode.put(code, known);
        }
      }
      c.set(p, known);
    }
  }

  /** Adds the next experiment from its params (an experiment on disk that no manifest lists). */
  void addTlas(List<Tla> tlas) {
    int p = size++;
    for (int j = 0; j < column.length; j++) {
      Column c = columns.get(j);
      c.set(p, c.index(text(tlas, names.get(j)), p));
    }
  }

  /**
   * Turns the numbers of the values of each parameter with more than {@link #MAX_VALUES} into its ranges (or, when
   * they are not all numbers, gives the values past them the group {@link #OTHERS}). Called once, after the last
   * experiment was added.
   */
  void regroup() {
    for (int j = 0; j < columns.size(); j++) {
      Column c = columns.get(j);
      if (!c.over) {
        continue;
      }
      if (!(c.numeric && c.hi > c.lo)) {
        c.texts.add(OTHERS);
        c.byText.put(OTHERS, OVER);
        c.past = null;
        continue;
      }
      Range range = new Range(c.lo, c.hi, c.lo > 0 && c.hi / c.lo > 100);
      for (int p = 0; p < size; p++) {
        int v = c.get(p);
        c.set(p, bin(range, v == OVER ? c.past[p] : c.numbers[v]));
      }
      c.past = null;
      c.range = range;
      c.texts.clear();
      c.byText.clear();
      c.texts.addAll(labels(range));
      for (int b = 0; b < BINS; b++) {
        c.byText.put(c.texts.get(b), b);
      }
    }
  }

  /** Drops what adding took (the tables of codes); the numbers stay. */
  void finish() {
    for (Column c : columns) {
      c.byCode.clear();
      c.trim(size);
    }
  }

  /** The number of experiment {@code p}'s value of parameter {@code j}. */
  int value(int j, int p) {
    return columns.get(j).get(p);
  }

  /** How many values (or ranges) parameter {@code j} has. */
  int values(int j) {
    return columns.get(j).texts.size();
  }

  /** The text of value {@code v} of parameter {@code j}. */
  String text(int j, int v) {
    return columns.get(j).texts.get(v);
  }

  /** The number of the value of parameter {@code j} whose text is {@code text}, or -1 if it has none. */
  int index(int j, String text) {
    Integer i = columns.get(j).byText.get(text);
    return i == null ? -1 : i;
  }

  /** Parameter {@code j}'s ranges, if it is grouped by them; null if by its values. */
  Range range(int j) {
    return columns.get(j).range;
  }

  /** The text of parameter {@code name} in {@code tlas}; empty if it has none. */
  static String text(List<Tla> tlas, String name) {
    for (Tla t : tlas) {
      if (t.name().equals(name)) {
        return t.text();
      }
    }
    return "";
  }

  /** {@code text} as a finite number, or NaN if it is none. */
  static double number(String text) {
    if (text.isEmpty() || text.length() > 40) {
      return Double.NaN;
    }
    char c = text.charAt(0);
    if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.')) {
      return Double.NaN;                           // not a number, and no exception to make it so
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Which of {@code range}'s {@link #BINS} ranges {@code x} is in (the greatest value in the last). */
  static int bin(Range range, double x) {
    double a = scale(range, range.lo());
    double b = scale(range, range.hi());
    int bin = (int) Math.floor((scale(range, x) - a) / (b - a) * BINS);
    return Math.max(0, Math.min(BINS - 1, bin));
  }

  /** Where range {@code b} of {@code range} starts (b = {@link #BINS}: where the last ends). */
  static double edge(Range range, int b) {
    double a = scale(range, range.lo());
    double e = a + (scale(range, range.hi()) - a) * b / BINS;
    return b == 0 ? range.lo() : b == BINS ? range.hi() : range.log() ? Math.pow(10, e) : e;
  }

  private static double scale(Range range, double x) {
    return range.log() ? Math.log10(x) : x;
  }

  /** {@code lo..hi} for each range, with as many digits as tell them apart. */
  static List<String> labels(Range range) {
    List<String> edges = new ArrayList<>();
    for (int b = 0; b <= BINS; b++) {
      edges.add(ResultsText.format(edge(range, b)));
    }
    for (int b = 0; b < BINS; b++) {
      if (edges.get(b).equals(edges.get(b + 1))) {
        edges.clear();
        for (int k = 0; k <= BINS; k++) {
          edges.add(Double.toString(edge(range, k)));
        }
        break;
      }
    }
    List<String> out = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      out.add(edges.get(b) + ".." + edges.get(b + 1));
    }
    return out;
  }
}
