package dev.hyper.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link JsonConfig} over a Jackson tree. */
final class JacksonJsonConfig implements JsonConfig {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonNode root;
  private final String source;
  private final String prefix;

  private JacksonJsonConfig(JsonNode root, String source, String prefix) {
    this.root = root;
    this.source = source;
    this.prefix = prefix;
  }

  static JsonConfig parse(String json, String source) throws IOException {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IOException(source + ": expected a JSON object at the top level");
      }
      return new JacksonJsonConfig(node, source, "");
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IOException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
          + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonConfig read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  @Override
  public boolean has(String path) {
    JsonNode node = root;
    for (String segment : segments(path)) {
      node = child(node, segment);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object get(String path) {
    return MAPPER.convertValue(node(path), Object.class);
  }

  @Override
  public int getInt(String path) {
    JsonNode n = node(path);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw wrongType(path, "an integer (int)", n);
    }
    return n.intValue();
  }

  @Override
  public long getLong(String path) {
    JsonNode n = node(path);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw wrongType(path, "an integer (long)", n);
    }
    return n.longValue();
  }

  @Override
  public double getDouble(String path) {
    JsonNode n = node(path);
    if (!n.isNumber()) {
      throw wrongType(path, "a number", n);
    }
    return n.doubleValue();
  }

  @Override
  public String getString(String path) {
    JsonNode n = node(path);
    if (!n.isTextual()) {
      throw wrongType(path, "a string", n);
    }
    return n.textValue();
  }

  @Override
  public boolean getBoolean(String path) {
    JsonNode n = node(path);
    if (!n.isBoolean()) {
      throw wrongType(path, "a boolean", n);
    }
    return n.booleanValue();
  }

  @Override
  public JsonConfig object(String path) {
    JsonNode n = node(path);
    if (!n.isObject()) {
      throw wrongType(path, "an object", n);
    }
    return new JacksonJsonConfig(n, source, full(path) + ".");
  }

  @Override
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    root.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Override
  public String toString() {
    return source + (prefix.isEmpty() ? "" : " at " + prefix.substring(0, prefix.length() - 1));
  }

  private JsonNode node(String path) {
    JsonNode node = root;
    String walked = "";
    for (String segment : segments(path)) {
      JsonNode next = child(node, segment);
      if (next == null) {
        throw new PathException(full(path), source + ": '" + full(path) + "' not found: " + what(walked, node));
      }
      walked = walked.isEmpty() ? segment : walked + "." + segment;
      node = next;
    }
    return node;
  }

  private String what(String walked, JsonNode node) {
    String where = walked.isEmpty() ? (prefix.isEmpty() ? "the top level" : "'" + prefix.substring(0, prefix.length() - 1) + "'")
        : "'" + prefix + walked + "'";
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      return where + " has keys " + String.join(", ", keys);
    }
    if (node.isArray()) {
      return where + " is an array of " + node.size();
    }
    return where + " is " + describe(node);
  }

  private static JsonNode child(JsonNode node, String segment) {
    if (node.isObject()) {
      return node.get(segment);
    }
    if (node.isArray() && segment.matches("\\d{1,9}")) {
      return node.get(Integer.parseInt(segment));
    }
    return null;
  }

  private static List<String> segments(String path) {
    if (path == null || path.isEmpty()) {
      throw new PathException(String.valueOf(path), "empty path");
    }
    List<String> out = new ArrayList<>();
    for (String part : path.replace("[", ".").replace("]", "").split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new PathException(path, "bad path '" + path + "': empty segment");
      }
      out.add(part);
    }
    return out;
  }

  private String full(String path) {
    return prefix + path;
  }

  private PathException wrongType(String path, String expected, JsonNode found) {
    return new PathException(full(path), source + ": '" + full(path) + "': expected " + expected + ", found "
        + describe(found));
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "a string \"" + n.textValue() + "\"";
    }
    return (n.isBoolean() ? "a boolean " : "a number ") + n;
  }
}
