package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a value from a sweep file (a tomlj value) or from {@code --set} (text) to the Java type of
 * a parameter, or says why it cannot. Nothing is coerced across kinds: the string {@code "0.5"} is not
 * a double, {@code 1.5} is not an int.
 */
final class TypedValue {
  private TypedValue() {}

  /** The converted value, or the reason it is not one. */
  record Result(Object value, String error) {
    static Result ok(Object value) {
      return new Result(value, null);
    }

    static Result error(String message) {
      return new Result(null, message);
    }

    boolean isOk() {
      return error == null;
    }
  }

  /** A tomlj value (Long, Double, String, Boolean, ...) as {@code param}'s type. */
  static Result fromToml(Param<?> param, Object raw) {
    switch (param.kind()) {
      case DOUBLE:
        if (raw instanceof Double d) {
          return finite(param, d);
        }
        if (raw instanceof Long l) {
          return Result.ok((double) l);
        }
        break;
      case INT:
        if (raw instanceof Long l) {
          return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
              ? Result.ok(l.intValue())
              : Result.error(describe(raw) + " does not fit an int");
        }
        break;
      case LONG:
        if (raw instanceof Long l) {
          return Result.ok(l);
        }
        break;
      case BOOLEAN:
        if (raw instanceof Boolean b) {
          return Result.ok(b);
        }
        break;
      case STRING:
        if (raw instanceof String s) {
          return Result.ok(s);
        }
        break;
      case ENUM:
        if (raw instanceof String s) {
          return enumConstant(param, s);
        }
        break;
      default:
        break;
    }
    return Result.error("expected " + expected(param) + ", found " + describe(raw));
  }

  /**
   * One value of {@code --set} text as {@code param}'s type: strings and enum constants as they are,
   * everything else in the sweep files' grammar ({@link TomlScalar}) and then as {@link #fromToml}.
   */
  static Result fromText(Param<?> param, String text) {
    switch (param.kind()) {
      case STRING:
        return Result.ok(text);
      case ENUM:
        return enumConstant(param, text);
      default:
        Object raw = TomlScalar.parse(text);
        return raw == null ? Result.error("expected " + expected(param) + ", found '" + text + "'")
            : fromToml(param, raw);
    }
  }

  /** What a parameter takes, in words: "a double", "an int", "one of ADAM, SGD". */
  static String expected(Param<?> param) {
    return switch (param.kind()) {
      case DOUBLE -> "a double";
      case INT -> "an int";
      case LONG -> "a long";
      case BOOLEAN -> "a boolean (true or false)";
      case STRING -> "a string";
      case ENUM -> "one of " + String.join(", ", constants(param));
    };
  }

  private static Result finite(Param<?> param, double d) {
    return Double.isFinite(d) ? Result.ok(d) : Result.error("expected a finite double, found " + d);
  }

  private static Result enumConstant(Param<?> param, String name) {
    for (Object c : param.type().getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return Result.ok(c);
      }
    }
    return Result.error("'" + name + "' is not a constant of " + param.type().getSimpleName() + ". "
        + Names.suggest(name, constants(param)));
  }

  private static List<String> constants(Param<?> param) {
    List<String> names = new ArrayList<>();
    for (Object c : param.type().getEnumConstants()) {
      names.add(((Enum<?>) c).name());
    }
    return names;
  }

  private static String describe(Object raw) {
    if (raw instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (raw instanceof Double) {
      return "the float " + raw;
    }
    if (raw instanceof Long) {
      return "the integer " + raw;
    }
    if (raw instanceof Boolean) {
      return "the boolean " + raw;
    }
    if (raw instanceof org.tomlj.TomlArray) {
      return "a list";
    }
    if (raw instanceof org.tomlj.TomlTable) {
      return "a table";
    }
    return "a " + raw.getClass().getSimpleName();
  }
}
