package dev.hyper.runtime.sweepfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each parameter was first set in one table of a sweep file, to refuse a second spelling of it
 * ({@code lr} and {@code "params.lr"}, or {@code hidden_dim} and {@code hiddenDim}) instead of letting
 * the last one win.
 */
final class Spellings {
  private final Map<String, String> first = new HashMap<>();

  /**
   * Null when {@code component} is set here for the first time (as {@code name}, at {@code where}),
   * else the problem naming both places.
   */
  String repeat(String component, String name, String where) {
    String before = first.putIfAbsent(component, "'" + name + "' at " + where);
    return before == null ? null
        : "'" + name + "' sets the same parameter as " + before + "; keep one of them";
  }
}
