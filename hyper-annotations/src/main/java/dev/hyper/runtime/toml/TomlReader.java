package dev.hyper.runtime.toml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
  private final TomlTable toml;

  /** A reader of {@code toml}, parsed from {@code file}. */
  public TomlReader(Path file, TomlTable toml) {
    this.file = file;
    this.toml = toml;
  }

  /** The file read, as errors name it. */
  public Path file() {
    return file;
  }

  /** An error about {@code key}, at its position if it is there. */
  public ConfigException error(String key, String problem) {
    TomlPosition pos = toml.inputPositionOf(Toml.parseDottedKey(key));
    return new ConfigException(file, pos == null ? null : pos.line(), pos == null ? null : pos.column(), key,
        problem);
  }

  /** Whether the file has {@code key}. */
  public boolean has(String key) {
    return value(key) != null;
  }

  /** The table {@code key} (a top-level name), or null if it is absent and not {@code required}. */
  public TomlTable table(String key, boolean required) throws ConfigException {
    Object v = required ? require(key, "a table") : toml.get(List.of(key));
    if (v != null && !(v instanceof TomlTable)) {
      throw wrongType(key, "a table", v);
    }
    return (TomlTable) v;
  }

  /**
   * Fails on the first key of {@code table} (a top-level table's name; null: the top level) that is not in
   * {@code known}, listing those in their order.
   */
  public void allowOnly(String table, Collection<String> known) throws ConfigException {
    TomlTable t = table == null ? toml : (TomlTable) toml.get(List.of(table));
    for (String key : t.keySet()) {
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

  /** {@code value} (a tomlj value) as a list of strings, or null if it is not an array of strings only. */
  public static List<String> strings(Object value) {
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
    return toml.get(Toml.parseDottedKey(key));
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
    if (v instanceof TomlTable) {
      return "a table";
    }
    if (v instanceof TomlArray) {
      return "an array";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
