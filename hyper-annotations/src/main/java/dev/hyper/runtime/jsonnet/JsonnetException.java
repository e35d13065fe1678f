package dev.hyper.runtime.jsonnet;

import java.util.Objects;

/**
 * A jsonnet file that does not parse, does not pass sjsonnet's static checks, fails while it is
 * evaluated, or cannot be rendered with the given top-level arguments.
 *
 * <p>{@link #oneLine()} is the form to show users:
 * {@code rnn_model.jsonnet:53:5: ParseError: Expected "}", found "optimizer:"}.
 */
public final class JsonnetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, named as sjsonnet names them. */
  public enum Kind {
    /** The text is not valid jsonnet. */
    PARSE_ERROR("ParseError"),
    /** The text parses but is wrong before evaluation, e.g. an unknown variable. */
    STATIC_ERROR("StaticError"),
    /** Evaluation failed, or the template was used wrongly (unknown argument, not a function...). */
    ERROR("Error");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** sjsonnet's name for the kind: {@code ParseError}, {@code StaticError} or {@code Error}. */
    public String label() {
      return label;
    }
  }

  private final Kind kind;
  private final String file;
  private final Integer line;
  private final Integer column;
  private final String detail;
  private final String topLevel;

  /**
   * @param kind the kind of failure
   * @param file the jsonnet file the error is in, as displayed; null when unknown
   * @param line 1-based line, null when unknown
   * @param column 1-based column, null when unknown
   * @param detail the message without position and kind
   * @param cause the underlying failure, or null
   */
  public JsonnetException(Kind kind, String file, Integer line, Integer column, String detail, Throwable cause) {
    this(kind, file, line, column, detail, cause, null);
  }

  private JsonnetException(
      Kind kind, String file, Integer line, Integer column, String detail, Throwable cause, String topLevel) {
    super(format(kind, file, line, column, detail), cause);
    this.kind = Objects.requireNonNull(kind);
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = Objects.requireNonNull(detail);
    this.topLevel = topLevel;
  }

  /**
   * The template in {@code file} evaluates to {@code topLevel} ("an object", "an array", ...) rather
   * than a function, so it has no parameters to fill.
   */
  public static JsonnetException notAFunction(String file, String topLevel) {
    Objects.requireNonNull(topLevel);
    return new JsonnetException(Kind.ERROR, file, null, null,
        "the top level is " + topLevel + ", not a function: write function(param, ...) { ... }", null, topLevel);
  }

  /** Whether the template is valid jsonnet whose top level is not a function ({@link #notAFunction}). */
  public boolean isNotAFunction() {
    return topLevel != null;
  }

  /**
   * What the top level is when {@link #isNotAFunction()}: "an object", "an array", "a string"...;
   * null otherwise.
   */
  public String topLevel() {
    return topLevel;
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
  }

  /** The file the error is in, as displayed (relative to the template's directory); null when unknown. */
  public String file() {
    return file;
  }

  /** The 1-based line of the error; null when unknown. */
  public Integer line() {
    return line;
  }

  /** The 1-based column of the error; null when unknown. */
  public Integer column() {
    return column;
  }

  /** The message alone, without position and kind, e.g. {@code Unknown variable: momentum}. */
  public String detail() {
    return detail;
  }

  /** {@code file:line:column: Kind: message}, leaving out the parts that are unknown. */
  public String oneLine() {
    return getMessage();
  }

  /** {@code file:line} or {@code file}, or null when the file is unknown. */
  public String location() {
    if (file == null) {
      return null;
    }
    return line == null ? file : file + ":" + line;
  }

  private static String format(Kind kind, String file, Integer line, Integer column, String detail) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line != null) {
        sb.append(':').append(line);
        if (column != null) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    return sb.append(kind.label()).append(": ").append(detail).toString();
  }
}
