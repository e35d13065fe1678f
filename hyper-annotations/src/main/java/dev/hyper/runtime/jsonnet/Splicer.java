package dev.hyper.runtime.jsonnet;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders a template whose function passes its parameters through ({@link PassThrough}) without evaluating it
 * again. The first render of a set of argument names is evaluated (a program that renders once, as a lazy
 * task does, pays nothing more); at the second, the output for placeholder arguments is rendered and cut at
 * the placeholders ({@link Splice}), and each render joins the pieces with the arguments' own renderings (each
 * value rendered by sjsonnet alone, once, and kept). The first renders of each cut are also evaluated and
 * compared, byte for byte; a difference turns splicing off for good, and the evaluated output is returned.
 * Not thread-safe, like the template.
 */
final class Splicer {
  /** What the template does for the splicer: evaluate it, and render one value alone. */
  interface Evaluation {
    byte[] render(Map<String, ?> args) throws JsonnetException;

    byte[] renderValue(String key, Object value) throws JsonnetException;
  }

  /** How many renders after each cut are compared with the evaluated output. */
  static final int CROSS_CHECKS = 2;
  private static final int MAX_VALUES = 4096;
  /** The most bytes the kept renderings (and their string values) may hold before they are dropped. */
  static final long MAX_CACHED_BYTES = 16L << 20;

  private final Evaluation evaluation;
  private String off;
  /** The argument names of the last render. */
  private List<String> names;
  private Splice splice;
  private int checks;
  private final Map<Object, byte[]> values = new HashMap<>();
  private long cachedBytes;

  /** @param whyNot why the template is not spliced, or null if it is to be */
  Splicer(Evaluation evaluation, String whyNot) {
    this.evaluation = evaluation;
    this.off = whyNot;
  }

  /** Why renders are not spliced, or null while they are. */
  String off() {
    return off;
  }

  /** The output for {@code args}, or null when it is not to be spliced (then the caller evaluates). */
  byte[] render(Map<String, ?> args) throws JsonnetException {
    if (off != null) {
      return null;
    }
    if (names == null || !sameNames(names, args)) {   // the first render of these names is evaluated
      names = List.copyOf(args.keySet());
      splice = null;
      return null;
    }
    if (splice == null) {
      splice = cut(names);
      if (splice == null) {
        return null;
      }
      checks = CROSS_CHECKS;
    }
    byte[][] atoms = new byte[args.size()][];
    int i = 0;
    for (Map.Entry<String, ?> e : args.entrySet()) {
      Object value = e.getValue();
      boolean keep = keepable(value);
      byte[] v = keep ? values.get(value) : null;
      if (v == null) {
        v = evaluation.renderValue(e.getKey(), value);
        long size = v.length + (value instanceof String s ? 2L * s.length() : 0);
        if (keep && size <= MAX_CACHED_BYTES / 16) {  // a value that large is rendered each time
          if (values.size() >= MAX_VALUES || cachedBytes + size > MAX_CACHED_BYTES) {
            values.clear();
            cachedBytes = 0;
          }
          values.put(value, v);
          cachedBytes += size;
        }
      }
      atoms[i++] = v;
    }
    byte[] out = splice.join(atoms);
    if (checks > 0) {
      checks--;
      byte[] evaluated = evaluation.render(args);
      if (!Arrays.equals(out, evaluated)) {
        off = "a spliced output differed from the evaluated one";
        splice = null;
        return evaluated;
      }
    }
    return out;
  }

  /**
   * Whether {@code value} may key the kept renderings: only the immutable types a template takes, whose
   * {@code equals} and {@code hashCode} are their own (any other value is rendered, and refused, each time).
   */
  private static boolean keepable(Object value) {
    return value instanceof String || value instanceof Double || value instanceof Float || value instanceof Integer
        || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Boolean
        || value instanceof Enum<?>;
  }

  /** The bytes the kept renderings hold, as counted against {@link #MAX_CACHED_BYTES}: for tests. */
  long cachedBytes() {
    return cachedBytes;
  }

  private Splice cut(List<String> names) {
    String word = "hyperplaceholder" + Long.toHexString(new SplittableRandom().nextLong() | 1L << 62) + "n";
    Map<String, Object> placeholders = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      placeholders.put(names.get(i), Splice.placeholder(word, i));
    }
    byte[] rendered;
    try {
      rendered = evaluation.render(placeholders);
    } catch (JsonnetException e) {
      off = "it does not render with placeholder arguments: " + e.getMessage();
      return null;
    }
    Splice s = Splice.cut(rendered, names.size(), word);
    if (s == null) {
      off = "its output with placeholder arguments holds them otherwise than whole";
    }
    return s;
  }

  private static boolean sameNames(List<String> names, Map<String, ?> args) {
    if (names.size() != args.size()) {
      return false;
    }
    Iterator<String> it = args.keySet().iterator();
    for (String n : names) {
      if (!n.equals(it.next())) {
        return false;
      }
    }
    return true;
  }
}
