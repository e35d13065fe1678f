package dev.hyper.runtime.toml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Parsed TOML as plain Java values, to compare by content: a table as a {@code Map} (key order, comments,
 * spelling and positions do not count), an array as a {@code List}, scalars as tomlj gives them.
 */
public final class TomlData {
  private TomlData() {}

  /** {@code table} as a map from its keys to plain values, without the top-level keys {@code left out}. */
  public static Map<String, Object> of(TomlTable table, String... leftOut) {
    Map<String, Object> map = new HashMap<>();
    for (String key : table.keySet()) {
      map.put(key, plain(table.get(List.of(key))));
    }
    for (String key : leftOut) {
      map.remove(key);
    }
    return map;
  }

  private static Object plain(Object value) {
    if (value instanceof TomlTable t) {
      return of(t);
    }
    if (value instanceof TomlArray a) {
      List<Object> list = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        list.add(plain(a.get(i)));
      }
      return list;
    }
    return value;
  }
}
