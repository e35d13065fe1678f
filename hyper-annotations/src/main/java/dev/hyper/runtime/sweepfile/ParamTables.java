package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Param;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The {@code [hyper]} (values to sweep) and {@code [params]} (fixed values) tables of a sweep file: each
 * key found as a parameter under any of its spellings, once per table, its values converted by
 * {@link TypedValue}; the problems added to the file's list.
 */
final class ParamTables<P> {
  private final ParamNames<P> names;
  private final Function<TomlPosition, String> place;
  private final List<String> problems;

  /**
   * @param place {@code file:line:column} of a position
   * @param problems where the problems go
   */
  ParamTables(ParamNames<P> names, Function<TomlPosition, String> place, List<String> problems) {
    this.names = names;
    this.place = place;
    this.problems = problems;
  }

  /** One key of [hyper] or [params] with its value, where it is written. */
  private record Entry(String name, Object value, TomlPosition pos) {}

  /** [hyper]: lists of values; unquoted dotted keys (params.lr = [...]) arrive as nested tables. */
  void readHyper(TomlTable table, Map<String, List<Object>> out) {
    List<Entry> entries = new ArrayList<>();
    for (String key : table.keySet()) {
      Object value = table.get(List.of(key));
      if (value instanceof TomlTable nested && key.equals("params")) {
        nested.keySet().forEach(k -> entries.add(
            new Entry("params." + k, nested.get(List.of(k)), nested.inputPositionOf(List.of(k)))));
      } else {
        entries.add(new Entry(key, value, table.inputPositionOf(List.of(key))));
      }
    }
    Spellings spellings = new Spellings();
    for (Entry e : inFileOrder(entries)) {
      Optional<Param<P>> param = names.find(e.name());
      if (param.isEmpty()) {
        problems.add(at(e.pos()) + names.unknown(e.name()));
      } else if (!(e.value() instanceof TomlArray array)) {
        problems.add(at(e.pos()) + "'" + e.name() + "' in [hyper] must be a list of values, e.g. [1, 2]; "
            + "fix a single value in [params]");
      } else if (array.isEmpty()) {
        problems.add(at(e.pos()) + "'" + e.name() + "' has no values; list at least one");
      } else if (!repeated(spellings, param.get(), e)) {
        out.put(param.get().component(), values(param.get(), e.name(), array));
      }
    }
  }

  private List<Object> values(Param<P> param, String name, TomlArray array) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      TomlPosition at = array.inputPositionOf(i);
      TypedValue.Result r = TypedValue.fromToml(param, array.get(i));
      if (!r.isOk()) {
        problems.add(at(at) + "'" + name + "': " + r.error());
      } else if (values.contains(r.value())) {
        problems.add(at(at) + "'" + name + "': " + r.value() + " is listed twice");
      } else {
        values.add(r.value());
      }
    }
    return values;
  }

  void readParams(TomlTable table, Map<String, List<Object>> out) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Object> e : table.dottedEntrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue(), table.inputPositionOf(e.getKey())));
    }
    Spellings spellings = new Spellings();
    for (Entry e : inFileOrder(entries)) {
      Optional<Param<P>> param = names.find(e.name().replace("\"", ""));
      if (param.isEmpty()) {
        problems.add(at(e.pos()) + names.unknown(e.name()));
        continue;
      }
      TypedValue.Result r = TypedValue.fromToml(param.get(), e.value());
      if (!r.isOk()) {
        problems.add(at(e.pos()) + "'" + e.name() + "': " + r.error());
      } else if (!repeated(spellings, param.get(), e)) {
        out.put(param.get().component(), List.of(r.value()));
      }
    }
  }

  /** Whether {@code e} sets a parameter this table already set under another spelling (reported). */
  private boolean repeated(Spellings spellings, Param<P> param, Entry e) {
    String problem = spellings.repeat(param.component(), e.name(), place.apply(e.pos()));
    if (problem != null) {
      problems.add(at(e.pos()) + problem);
    }
    return problem != null;
  }

  private static List<Entry> inFileOrder(List<Entry> entries) {
    entries.sort(Comparator.comparingLong(e -> e.pos() == null ? 0 : (long) e.pos().line() << 32 | e.pos().column()));
    return entries;
  }

  private String at(TomlPosition pos) {
    return place.apply(pos) + ": ";
  }
}
