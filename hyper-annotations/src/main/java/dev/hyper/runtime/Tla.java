package dev.hyper.runtime;

import dev.hyper.runtime.jsonnet.JsonnetLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One jsonnet top-level argument of an experiment: a parameter's jsonnet name and its typed value.
 *
 * @param name the jsonnet parameter, e.g. {@code hidden_dim}
 * @param value the value: a {@link Double}, {@link Integer}, {@link Long}, {@link String}, {@link Boolean} or an enum
 * @param kind how the value reaches jsonnet
 */
public record Tla(String name, Object value, Param.Kind kind) {
  public Tla {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value, () -> "value of " + name);
    Objects.requireNonNull(kind);
    Class<?> expected = switch (kind) {
      case DOUBLE -> Double.class;
      case INT -> Integer.class;
      case LONG -> Long.class;
      case STRING -> String.class;
      case BOOLEAN -> Boolean.class;
      case ENUM -> Enum.class;
    };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(name + ": a " + kind + " value must be a " + expected.getSimpleName()
          + ", not " + value.getClass().getName());
    }
  }

  /** The top-level arguments of {@code params}, one per parameter, in component order. */
  public static <P extends Record> List<Tla> of(SweepSpec<P> spec, P params) {
    List<Tla> out = new ArrayList<>();
    for (Param<P> p : spec.grid().params()) {
      out.add(new Tla(p.tla(), p.valueOf(params), p.kind()));
    }
    return List.copyOf(out);
  }

  /**
   * The argument whose {@link #code()} is {@code code}, for parameter {@code p} (as a manifest row holds it).
   *
   * @throws IllegalArgumentException if {@code code} is not a literal of the parameter's kind
   */
  public static Tla fromCode(Param<?> p, String code) {
    Object value = switch (p.kind()) {
      case DOUBLE -> Double.valueOf(code);
      case INT -> Integer.valueOf(code);
      case LONG -> Long.valueOf(code);
      case BOOLEAN -> switch (code) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("not a boolean: " + code);
      };
      case STRING -> dev.hyper.runtime.jsonnet.JsonnetLiterals.unquote(code);
      case ENUM -> enumValue(p.type(), dev.hyper.runtime.jsonnet.JsonnetLiterals.unquote(code));
    };
    return new Tla(p.tla(), value, p.kind());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  /** Name to value, in order, as {@link dev.hyper.runtime.jsonnet.JsonnetTemplate#render} takes them. */
  public static Map<String, Object> asMap(List<Tla> tlas) {
    Map<String, Object> out = new LinkedHashMap<>();
    tlas.forEach(t -> out.put(t.name(), t.value()));
    return out;
  }

  /** The value as a plain string: a string itself, an enum's name, a number or boolean as {@link #code()}. */
  public String text() {
    return switch (kind) {
      case STRING -> (String) value;
      case ENUM -> ((Enum<?>) value).name();
      default -> code();
    };
  }

  /**
   * The value as jsonnet code: strings and enum names JSON-quoted, booleans {@code true}/{@code false},
   * doubles as {@link Double#toString(double)} ({@code 1.0E-4}, {@code 300.0}), ints and longs plain.
   */
  public String code() {
    return switch (kind) {
      case STRING, ENUM -> JsonnetLiterals.quote(text());
      case DOUBLE -> JsonnetLiterals.number((Double) value);
      case INT, LONG, BOOLEAN -> value.toString();
    };
  }

  /** The {@link #code()} of each of {@code tlas}, in their order (unmodifiable). */
  public static List<String> codes(List<Tla> tlas) {
    String[] codes = new String[tlas.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = tlas.get(i).code();
    }
    return List.of(codes);
  }

  /**
   * The jsonnet command-line argument, unquoted for any shell: {@code --tla-str name=value} for strings
   * and enums, {@code --tla-code name=code} otherwise.
   */
  public String cliArgument() {
    return kind.isString() ? "--tla-str " + name + "=" + text() : "--tla-code " + name + "=" + code();
  }

  @Override
  public String toString() {
    return name + "=" + code();
  }
}
