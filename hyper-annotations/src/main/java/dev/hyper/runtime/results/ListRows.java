package dev.hyper.runtime.results;

import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rows given in memory, best first, as {@link RankedRows}: each parameter's values numbered in order of rank. */
final class ListRows extends RankedRows {
  private final List<Row> rows;
  private final List<Map<String, Integer>> index = new ArrayList<>();
  private final List<List<String>> texts = new ArrayList<>();
  private final int[][] values;
  private final int[] pointKey;
  private final boolean[] pointChanged;
  private final boolean anyTrials;

  ListRows(List<Row> rows, List<String> params) {
    this.rows = List.copyOf(rows);
    int n = this.rows.size();
    values = new int[params.size()][n];
    for (int j = 0; j < params.size(); j++) {
      Map<String, Integer> byText = new HashMap<>();
      List<String> list = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        String text = this.rows.get(k).param(params.get(j));
        Integer v = byText.get(text);
        if (v == null) {
          v = list.size();
          byText.put(text, v);
          list.add(text);
        }
        values[j][k] = v;
      }
      index.add(byText);
      texts.add(list);
    }
    Map<String, Integer> first = new HashMap<>();
    pointKey = new int[n];
    pointChanged = new boolean[n];
    boolean trials = false;
    for (int k = 0; k < n; k++) {
      Row r = this.rows.get(k);
      pointKey[k] = first.computeIfAbsent(r.id(), id -> first.size());
      pointChanged[pointKey[k]] |= r.metricsChanged();
      trials |= r.point().trials() > 1;
    }
    anyTrials = trials;
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  Row row(int k) {
    return rows.get(k);
  }

  @Override
  double metric(int k) {
    Double m = rows.get(k).metric();
    return m == null ? Double.NaN : m;
  }

  @Override
  Status status(int k) {
    return rows.get(k).status();
  }

  @Override
  boolean changed(int k) {
    return rows.get(k).metricsChanged();
  }

  @Override
  PointStats point(int k) {
    return rows.get(k).point();
  }

  @Override
  double pointMean(int k) {
    Double m = rows.get(k).point().mean();
    return m == null ? Double.NaN : m;
  }

  @Override
  boolean pointChanged(int k) {
    return pointChanged[pointKey[k]];
  }

  @Override
  int pointKey(int k) {
    return pointKey[k];
  }

  @Override
  boolean anyTrials() {
    return anyTrials;
  }

  @Override
  int value(int j, int k) {
    return values[j][k];
  }

  @Override
  int values(int j) {
    return texts.get(j).size();
  }

  @Override
  String valueText(int j, int v) {
    return texts.get(j).get(v);
  }

  @Override
  int valueIndex(int j, String text) {
    Integer v = index.get(j).get(text);
    return v == null ? -1 : v;
  }
}
