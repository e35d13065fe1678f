package dev.hyper.runtime.jsonnet;

import dev.hyper.runtime.jsonnet.JsonnetException.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever sjsonnet throws or returns into a {@link JsonnetException}.
 *
 * <p>sjsonnet keeps the jsonnet call stack as {@link StackTraceElement}s: the declaring class is the
 * expression kind ({@code [Id momentum]}), the file name is {@code file:LINE} and the "line number" is
 * the column. The innermost frame with a position is where the error is.
 */
final class SjErrors {
  private static final Pattern FILE_AND_LINE = Pattern.compile("(.+):(\\d+)");

  private SjErrors() {}

  static JsonnetException convert(Throwable t, String fallbackFile) {
    if (t instanceof JsonnetException e) {
      return e;
    }
    if (!(t instanceof sjsonnet.Error)) {
      return new JsonnetException(Kind.ERROR, fallbackFile, null, null, describe(t), t);
    }
    Kind kind = kindOf(t);
    String file = null;
    Integer line = null;
    Integer column = null;
    for (StackTraceElement frame : t.getStackTrace()) {
      Matcher m = frame.getFileName() == null ? null : FILE_AND_LINE.matcher(frame.getFileName());
      if (m != null && m.matches()) {
        file = m.group(1);
        line = Integer.valueOf(m.group(2));
        column = frame.getLineNumber() > 0 ? frame.getLineNumber() : null;
        break;
      }
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (line != null && column != null) {
      // ParseError messages repeat the position inside: Expected "}":53:5, found "optimizer:"
      message = message.replace(":" + line + ":" + column, "");
    }
    if (file == null) {
      file = fallbackFile;
    }
    return new JsonnetException(kind, file, line, column, oneLine(message), t);
  }

  private static Kind kindOf(Throwable t) {
    return switch (t.getClass().getSimpleName()) {
      case "ParseError" -> Kind.PARSE_ERROR;
      case "StaticError" -> Kind.STATIC_ERROR;
      default -> Kind.ERROR;
    };
  }

  private static String describe(Throwable t) {
    if (t instanceof StackOverflowError) {
      return "stack overflow while evaluating (infinite recursion?)";
    }
    if (t instanceof java.io.UncheckedIOException u) {
      return u.getMessage();
    }
    if (t instanceof LinkageError) {
      return "sjsonnet is not usable here (" + t + "); is sjsonnet_2.13 0.4.9 with its dependencies on the class path?";
    }
    String m = t.getMessage();
    return "sjsonnet failed: " + t.getClass().getName() + (m == null ? "" : ": " + oneLine(m));
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
