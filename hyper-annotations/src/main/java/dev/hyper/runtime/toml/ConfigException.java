package dev.hyper.runtime.toml;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An experiment config file that cannot be used: bad TOML, a missing key, a value of the wrong type.
 * The message names the file, the position when known and the key: {@code x.toml:3:9: 'trial': expected
 * an integer, found a string}.
 */
public final class ConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final Integer line;
  private final Integer column;
  private final String key;

  /**
   * @param file the config file
   * @param line 1-based line, or null
   * @param column 1-based column, or null
   * @param key the dotted key concerned, or null
   * @param problem what is wrong
   */
  public ConfigException(Path file, Integer line, Integer column, String key, String problem) {
    super(format(file, line, column, key, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }

  /** The config file. */
  public Path file() {
    return file;
  }

  /** The 1-based line of the problem, or null. */
  public Integer line() {
    return line;
  }

  /** The 1-based column of the problem, or null. */
  public Integer column() {
    return column;
  }

  /** The dotted key the problem is about ({@code params.lr}), or null. */
  public String key() {
    return key;
  }

  private static String format(Path file, Integer line, Integer column, String key, String problem) {
    StringBuilder sb = new StringBuilder(String.valueOf(file));
    if (line != null) {
      sb.append(':').append(line);
      if (column != null) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ");
    if (key != null) {
      sb.append('\'').append(key).append("': ");
    }
    return sb.append(problem).toString();
  }
}
