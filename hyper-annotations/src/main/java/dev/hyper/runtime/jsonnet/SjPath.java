package dev.hyper.runtime.jsonnet;

import java.util.ArrayList;
import java.util.List;
import scala.collection.mutable.HashMap;

/**
 * A file or directory in a template's {@link Importer} namespace, as sjsonnet sees it: a normalized
 * {@code /}-separated path. Equal paths are equal objects, so sjsonnet's caches work.
 */
final class SjPath implements sjsonnet.Path {
  private final List<String> segments;
  private final boolean absolute;

  private SjPath(List<String> segments, boolean absolute) {
    this.segments = List.copyOf(segments);
    this.absolute = absolute;
  }

  /** The root (the importer's base directory). */
  static SjPath root() {
    return new SjPath(List.of(), false);
  }

  /** Parses and normalizes {@code path}: {@code .} and {@code x/..} are removed, {@code //} collapsed. */
  static SjPath of(String path) {
    return root().$div(path);
  }

  @Override
  public SjPath $div(String name) {
    boolean abs = absolute;
    List<String> out = new ArrayList<>(segments);
    if (name.startsWith("/")) {
      abs = true;
      out.clear();
    }
    for (String s : name.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else if (!(s.equals("..") && abs)) {
        out.add(s);
      }
    }
    return new SjPath(out, abs);
  }

  @Override
  public SjPath parent() {
    if (segments.isEmpty() || segments.get(segments.size() - 1).equals("..")) {
      return $div("..");
    }
    return new SjPath(segments.subList(0, segments.size() - 1), absolute);
  }

  @Override
  public int segmentCount() {
    return segments.size();
  }

  @Override
  public String last() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  /** The path itself: error messages name files as the importer knows them. */
  @Override
  public String relativeToString(sjsonnet.Path wd) {
    return toString();
  }

  @Override
  public String renderOffsetStr(int offset, HashMap<sjsonnet.Path, int[]> lineStarts) {
    return toString() + ":offset " + offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SjPath p && p.absolute == absolute && p.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode() * 31 + (absolute ? 1 : 0);
  }

  @Override
  public String toString() {
    return (absolute ? "/" : "") + String.join("/", segments);
  }
}
