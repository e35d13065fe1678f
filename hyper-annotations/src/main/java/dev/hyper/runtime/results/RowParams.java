package dev.hyper.runtime.results;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.jsonnet.JsonnetLiterals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest row's params as {@link Tla}s: typed by the sweep's parameters where the manifest's columns are
 * theirs, else as written (strings); each value one object for every row that has it, while a column has at
 * most {@link #INTERNED} of them.
 */
final class RowParams {
  /** Values of a column shared between rows, up to this many per column (a grid has a few). */
  static final int INTERNED = 4096;

  private final List<? extends Param<?>> params;
  private final List<String> names;
  private final boolean typed;
  private final List<Map<String, Tla>> interned = new ArrayList<>();

  /**
   * @param params the jar's parameters
   * @param names the manifest's columns (jsonnet names)
   */
  RowParams(List<? extends Param<?>> params, List<String> names) {
    this.params = params;
    this.names = List.copyOf(names);
    this.typed = names.equals(params.stream().map(Param::tla).toList());
    names.forEach(n -> interned.add(new HashMap<>()));
  }

  /** Whether the manifest's columns are the jar's parameters. */
  boolean typed() {
    return typed;
  }

  /** The manifest's columns. */
  List<String> names() {
    return names;
  }

  /** The value of column {@code i} written as {@code code}. */
  Tla tla(int i, String code) {
    Map<String, Tla> seen = interned.get(i);
    Tla t = seen.get(code);
    if (t != null) {
      return t;
    }
    if (typed) {
      try {
        t = Tla.fromCode(params.get(i), code);
      } catch (IllegalArgumentException e) {
        t = null;
      }
    }
    if (t == null) {
      String text = code;
      try {
        text = code.startsWith("\"") ? JsonnetLiterals.unquote(code) : code;
      } catch (IllegalArgumentException e) {
        // shown as written
      }
      t = new Tla(names.get(i), text, Param.Kind.STRING);
    }
    if (seen.size() < INTERNED) {
      seen.put(code, t);
    }
    return t;
  }

  /** The params of a manifest row whose fields are {@code fields}: columns 3 to the last but one. */
  List<Tla> tlas(String[] fields) {
    List<Tla> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      out.add(tla(i, fields[3 + i]));
    }
    return List.copyOf(out);
  }

  /** The params of a row whose codes are {@code codes}, in column order. */
  List<Tla> tlas(List<String> codes) {
    List<Tla> out = new ArrayList<>(codes.size());
    for (int i = 0; i < codes.size(); i++) {
      out.add(tla(i, codes.get(i)));
    }
    return List.copyOf(out);
  }
}
