package dev.hyper.runtime.toml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed access to the keys of a parsed TOML file (dotted keys, {@code params.lr}), each value required or
 * optional; every failure a {@link ConfigException} naming the file, the key's line and column, and the
 * key: {@code x.toml:3:9: 'trial': expected an integer, found a string}. A missing key has no position:
 * {@code x.toml: 'trial': missing; expected an integer}.
 */
public final class TomlReader {
  private final Path file;
  private final Function<List<String>, Object> values;
  private final Function<List<String>, int[]> positions;

  /** A reader of {@code toml}, parsed from {@code file}. */
  public TomlReader(Path file, TomlTable toml) {
    this(file, path -> path.isEmpty() ? toml : toml.get(path), path -> {
      TomlPosition pos = toml.inputPositionOf(path);
      return pos == null ? null : new int[] {pos.line(), pos.column()};
    });
  }

  private TomlReader(Path file, Function<List<String>, Object> values, Function<List<String>, int[]> positions) {
    this.file = file;
    this.values = values;
    this.positions = positions;
  }

  /** A reader of the TOML file {@code file} ({@link #read(Path, String)}): a syntax error is {@code not valid TOML: ...}. */
  public static TomlReader read(Path file) throws IOException {
    return read(file, "not valid TOML");
  }

  /**
   * A reader of the TOML file {@code file}, read as UTF-8: parsed by {@link FlatToml} when it is TOML as Hyper
   * writes it, else by tomlj ({@link TomlText#read(Path, String)}), whose syntax errors are {@code what: ...}
   * errors at their position.
   */
  public static TomlReader read(Path file, String what) throws IOException {
    String text = Utf8.read(file);
    FlatToml.Doc doc = FlatToml.parse(text);
    if (doc != null) {
      return new TomlReader(file, doc::get, doc.positions()::get);
    }
    return new TomlReader(file, TomlText.checked(file, what, text));
  }

  /** The file read, as errors name it. */
  public Path file() {
    return file;
  }

  /** An error about {@code key}, at its position if it is there. */
  public ConfigException error(String key, String problem) {
    int[] pos = positions.apply(path(key));
    return new ConfigException(file, pos == null ? null : pos[0], pos == null ? null : pos[1], key, problem);
  }

  /** Whether the file has {@code key}. */
  public boolean has(String key) {
    return value(key) != null;
  }

  /** Whether the file has table {@code key} (a top-level name); if {@code required}, it must. */
  public boolean table(String key, boolean required) throws ConfigException {
    Object v = required ? require(key, "a table") : values.apply(List.of(key));
    if (v != null && keysOf(v) == null) {
      throw wrongType(key, "a table", v);
    }
    return v != null;
  }

  /** The keys of {@code table}, a tomlj table or a map, in the file's order; null if it is no table. */
  private static java.util.Set<String> keysOf(Object table) {
    return table instanceof TomlTable t ? t.keySet() : table instanceof java.util.Map<?, ?> m
        ? (java.util.Set<String>) m.keySet() : null;
  }

  /**
   * Fails on the first key of {@code table} (a top-level table's name; null: the top level) that is not in
   * {@code known}, listing those in their order.
   */
  public void allowOnly(String table, Collection<String> known) throws ConfigException {
    for (String key : keysOf(values.apply(table == null ? List.of() : List.of(table)))) {
      if (!known.contains(key)) {
        String dotted = table == null ? key : table + "." + Toml.joinKeyPath(List.of(key));
        throw error(dotted, "unknown key; known keys here: " + String.join(", ", known));
      }
    }
  }

  /** The string {@code key}. */
  public String string(String key) throws ConfigException {
    Object v = require(key, "a string");
    if (!(v instanceof String s)) {
      throw wrongType(key, "a string", v);
    }
    return s;
  }

  /** The string {@code key}, or {@code absent} if there is none. */
  public String optionalString(String key, String absent) throws ConfigException {
    return has(key) ? string(key) : absent;
  }

  /** The array of strings {@code key}, empty if there is none. */
  public List<String> optionalStrings(String key) throws ConfigException {
    Object v = value(key);
    if (v == null) {
      return List.of();
    }
    List<String> strings = strings(v);
    if (strings == null) {
      throw wrongType(key, "a list of strings", v);
    }
    return strings;
  }

  /** The integer {@code key}. */
  public long longValue(String key) throws ConfigException {
    Object v = require(key, "an integer");
    if (!(v instanceof Long l)) {
      throw wrongType(key, "an integer", v);
    }
    return l;
  }

  /** The integer {@code key}, which must be in {@code [min, max]}. */
  public int intIn(String key, int min, int max) throws ConfigException {
    long l = longValue(key);
    if (l < min || l > max) {
      throw error(key, l + " is out of range [" + min + ", " + max + "]");
    }
    return (int) l;
  }

  /** The integer {@code key}, at least 0, or {@code absent} if there is none. */
  public int optionalCount(String key, int absent) throws ConfigException {
    return has(key) ? intIn(key, 0, Integer.MAX_VALUE) : absent;
  }

  /** The float {@code key}; an integer that a double holds exactly is one too. */
  public double doubleValue(String key) throws ConfigException {
    Object v = require(key, "a float");
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l && (long) (double) l == l) {
      return l;
    }
    throw wrongType(key, "a float", v);
  }

  /** The boolean {@code key}. */
  public boolean bool(String key) throws ConfigException {
    Object v = require(key, "a boolean");
    if (!(v instanceof Boolean b)) {
      throw wrongType(key, "a boolean", v);
    }
    return b;
  }

  /** The boolean {@code key}, or null if there is none. */
  public Boolean optionalBool(String key) throws ConfigException {
    return has(key) ? bool(key) : null;
  }

  /** The constant of enum {@code type} that the string {@code key} names. */
  public Object enumConstant(String key, Class<?> type) throws ConfigException {
    String name = string(key);
    List<String> names = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
      names.add(((Enum<?>) c).name());
    }
    throw error(key, "'" + name + "' is not a " + type.getSimpleName() + "; expected one of " + names);
  }

  /** {@code value} (a tomlj value or a list) as a list of strings, or null if it is not an array of strings only. */
  public static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().allMatch(String.class::isInstance) ? list.stream().map(String.class::cast).toList() : null;
    }
    if (!(value instanceof TomlArray a)) {
      return null;
    }
    List<String> strings = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof String s)) {
        return null;
      }
      strings.add(s);
    }
    return strings;
  }

  private Object value(String key) {
    return values.apply(path(key));
  }

  /**
   * The path of dotted key {@code key}: split at its dots when its parts are all bare keys ({@code A-Za-z0-9_-},
   * none empty), else as tomlj reads it. (A loop, not a pattern: every value read asks it.)
   */
  private static List<String> path(String key) {
    List<String> parts = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i <= key.length(); i++) {
      char c = i < key.length() ? key.charAt(i) : '.';
      if (c == '.') {
        if (i == start) {
          return Toml.parseDottedKey(key);
        }
        parts.add(key.substring(start, i));
        start = i + 1;
      } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return Toml.parseDottedKey(key);
      }
    }
    return parts;
  }

  private Object require(String key, String expected) throws ConfigException {
    Object v = value(key);
    if (v == null) {
      throw new ConfigException(file, null, null, key, "missing; expected " + expected);
    }
    return v;
  }

  private ConfigException wrongType(String key, String expected, Object found) {
    return error(key, "expected " + expected + ", found " + describe(found));
  }

  private static String describe(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Long) {
      return "an integer";
    }
    if (v instanceof Double) {
      return "a float";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof TomlTable || v instanceof java.util.Map) {
      return "a table";
    }
    if (v instanceof TomlArray || v instanceof List) {
      return "an array";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
