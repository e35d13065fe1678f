package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.Strategy;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import dev.hyper.runtime.toml.TomlText;
import dev.hyper.runtime.toml.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a sweep file in the seed's format against a sweep, with the record as the schema:
 *
 * <pre>
 * model = "rnn"          # optional; must name this sweep
 * n_trials = 1           # replaces @Sweep(trials)
 * [slurm]                # replaces @Slurm settings: qos, time, partition, cpus, mem, gres, max_parallel,
 *                        # signal, max_requeues
 * [hyper]                # values to sweep, by jsonnet name, component name or "params.name"
 * "params.lr" = [0.001, 0.0001]
 * [params]               # fixed values, unless [hyper] sweeps the same parameter
 * dropout = 0.5
 * [halving]              # the numbers of @Sweep(halving): min, max, reduction
 * max = 9
 * [search]               # a random search's seed and samples (@Sweep(samples, seed))
 * seed = 11
 * </pre>
 *
 * Every problem is reported at once, each with the file, line and column; nothing is coerced across
 * types.
 *
 * <p>Not read through {@link TomlReader}, which the files Hyper writes (experiment TOML, markers) are: a
 * sweep file is written by a person, so this reader collects every problem instead of failing on the
 * first, suggests the nearest key or constant, takes a parameter under several spellings (jsonnet name,
 * component name, {@code params.NAME}, quoted or dotted) and checks values by the sweep's own rules
 * ({@link TypedValue}, {@code SlurmKeys}, {@code HalvingKeys}), with messages in those words. It shares
 * the parsing ({@link TomlText}, {@link Utf8}) and {@link TomlReader#strings} for lists of strings.
 */
public final class SweepFile {
  /** The top-level keys, in the order a suggestion lists them. */
  private static final List<String> TOP_KEYS = List.of("model", "n_trials", "slurm", "hyper", "params", "jvm",
      "halving", "search");

  private SweepFile() {}

  /**
   * The largest sweep file read: the TOML parser needs about a hundred times a file's size in memory
   * (a 2.5 MB file ran a 128 MB heap out of memory), and a list of values that long is better said as a
   * range or a distribution.
   */
  public static final long MAX_BYTES = 1 << 20;

  /** Reads {@code file} as an override of {@code spec}; the source records the file's SHA-256. */
  public static Override read(Path file, SweepSpec<?> spec) throws SweepFileException, IOException {
    if (Files.isDirectory(file)) {
      throw new SweepFileException(List.of(file + ": is a directory, not a sweep file (give its .toml file)"));
    }
    if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
      throw new SweepFileException(List.of(file + ": " + Files.size(file) + " bytes, more than the " + MAX_BYTES
          + " a sweep file may have; give long lists of values as a range or a distribution (@Range, @LogRange,"
          + " @Uniform, @LogUniform with samples)"));
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SweepFileException(List.of(file + ": no such sweep file"));
    } catch (IOException e) {
      throw IoProblems.withPath(e, file);
    }
    String source = "config " + file + " sha256=" + Sha256.of(bytes);
    String text;
    try {
      text = Utf8.decode(file, bytes);
    } catch (ConfigException e) {
      throw new SweepFileException(List.of(e.getMessage()));
    }
    return parse(text, file.toString(), source, spec);
  }

  /** Parses sweep-file text; {@code fileName} prefixes every problem, {@code source} is recorded. */
  public static Override parse(String text, String fileName, String source, SweepSpec<?> spec)
      throws SweepFileException {
    return new Reader<>(fileName, spec.grid().params(), spec.name(), spec.halving().isPresent(),
        spec.grid().strategy().isRandom()).read(text, source);
  }

  private static final class Reader<P> {
    private final String file;
    private final ParamTables<P> params;
    private final String sweep;
    private final boolean halvingDeclared;
    private final boolean random;
    private final List<String> problems = new ArrayList<>();

    Reader(String file, List<Param<P>> params, String sweep, boolean halvingDeclared, boolean random) {
      this.random = random;
      this.file = file;
      this.params = new ParamTables<>(new ParamNames<>(params), this::place, problems);
      this.sweep = sweep;
      this.halvingDeclared = halvingDeclared;
    }

    Override read(String text, String source) throws SweepFileException {
      TomlParseResult toml;
      try {
        toml = TomlText.parse(Path.of(file), text);
      } catch (ConfigException e) {
        throw new SweepFileException(List.of(e.getMessage()));
      }
      for (TomlParseError e : toml.errors()) {
        problems.add(at(e.position()) + "TOML syntax: " + e.getMessage());
      }
      if (!problems.isEmpty()) {
        throw new SweepFileException(problems);
      }
      Map<String, List<Object>> fixed = new LinkedHashMap<>();
      Map<String, List<Object>> swept = new LinkedHashMap<>();
      OptionalInt trials = OptionalInt.empty();
      UnaryOperator<SlurmSettings> slurm = UnaryOperator.identity();
      UnaryOperator<HalvingSettings> halving = UnaryOperator.identity();
      UnaryOperator<Strategy> search = UnaryOperator.identity();
      List<String> jvmArgs = new java.util.ArrayList<>();
      for (String key : toml.keySet()) {
        TomlPosition pos = toml.inputPositionOf(List.of(key));
        Object value = toml.get(List.of(key));
        switch (key) {
          case "model", "name" -> checkSweepName(key, value, pos);
          case "n_trials" -> trials = trials(value, pos);
          case "slurm" -> slurm = slurm(value, pos);
          case "hyper" -> table(key, value, pos).ifPresent(t -> params.readHyper(t, swept));
          case "params" -> table(key, value, pos).ifPresent(t -> params.readParams(t, fixed));
          case "jvm" -> table(key, value, pos).ifPresent(t -> readJvm(t, jvmArgs));
          case "halving" -> halving = halving(value, pos);
          case "search" -> search = search(value, pos);
          default -> problems.add(at(pos) + "unknown key '" + key + "'. " + Names.suggest(key, TOP_KEYS));
        }
      }
      if (!problems.isEmpty()) {
        throw new SweepFileException(problems);
      }
      Map<String, List<Object>> values = new LinkedHashMap<>(fixed);
      values.putAll(swept); // [hyper] sweeps what [params] would fix, as in the seed's hyper.py
      return new Override(source, values, trials, slurm, jvmArgs, halving, search);
    }

    /** [search]: seed, samples. */
    private UnaryOperator<Strategy> search(Object value, TomlPosition pos) {
      return settings("search", value, pos, (key, v) -> SearchKeys.check(sweep, random, key, v), SearchKeys::setter);
    }

    /** [halving]: min, max, reduction. */
    private UnaryOperator<HalvingSettings> halving(Object value, TomlPosition pos) {
      return settings("halving", value, pos, (key, v) -> HalvingKeys.check(sweep, halvingDeclared, key, v),
          HalvingKeys::setter);
    }

    /**
     * A table of settings ([slurm], [search], [halving]): each key checked by {@code check} (a problem, or
     * null) and turned into a change by {@code setter}; the changes applied in the file's order.
     */
    private <T> UnaryOperator<T> settings(String name, Object value, TomlPosition pos,
        BiFunction<String, Object, String> check, BiFunction<String, Object, UnaryOperator<T>> setter) {
      UnaryOperator<T> change = UnaryOperator.identity();
      Optional<TomlTable> table = table(name, value, pos);
      if (table.isEmpty()) {
        return change;
      }
      for (String key : table.get().keySet()) {
        Object v = table.get().get(List.of(key));
        String problem = check.apply(key, v);
        if (problem != null) {
          problems.add(at(table.get().inputPositionOf(List.of(key))) + problem);
          continue;
        }
        UnaryOperator<T> before = change;
        UnaryOperator<T> one = setter.apply(key, v);
        change = x -> one.apply(before.apply(x));
      }
      return change;
    }

    /** [jvm]: {@code args}, a list of options for the training JVM. */
    private void readJvm(TomlTable table, List<String> out) {
      for (String key : table.keySet()) {
        TomlPosition pos = table.inputPositionOf(List.of(key));
        List<String> args = TomlReader.strings(table.get(List.of(key)));
        if (!key.equals("args")) {
          problems.add(at(pos) + "unknown key 'jvm." + key + "'. " + Names.suggest(key, List.of("args")));
        } else if (args != null) {
          for (String arg : args) {
            if (arg.isEmpty() || !dev.hyper.runtime.shell.ShellQuote.isSingleLine(arg)) {
              problems.add(at(pos) + "'jvm.args' holds '" + arg.strip() + "', which is empty or holds a tab, line"
                  + " break or control character");
            } else {
              out.add(arg);
            }
          }
        } else {
          problems.add(at(pos) + "'jvm.args' must be a list of strings, e.g. args = [\"-Xmx8g\"]");
        }
      }
    }

    private void checkSweepName(String key, Object value, TomlPosition pos) {
      if (!(value instanceof String s)) {
        problems.add(at(pos) + "'" + key + "' must be a string naming the sweep ('" + sweep + "')");
      } else if (!s.equals(sweep)) {
        problems.add(at(pos) + "'" + key + "' is '" + s + "' but this is sweep '" + sweep + "'");
      }
    }

    private OptionalInt trials(Object value, TomlPosition pos) {
      OptionalInt trials = Trials.of(value);
      if (trials.isEmpty()) {
        problems.add(at(pos) + Trials.RULE + ", found " + value);
      }
      return trials;
    }

    private Optional<TomlTable> table(String key, Object value, TomlPosition pos) {
      if (value instanceof TomlTable t) {
        return Optional.of(t);
      }
      problems.add(at(pos) + "'" + key + "' must be a table ([" + key + "])");
      return Optional.empty();
    }

    /** [slurm]: the SLURM settings. */
    private UnaryOperator<SlurmSettings> slurm(Object value, TomlPosition pos) {
      return settings("slurm", value, pos, SlurmKeys::check, SlurmKeys::setter);
    }

    private String at(TomlPosition pos) {
      return place(pos) + ": ";
    }

    /** {@code file:line:column}, or the file alone. */
    private String place(TomlPosition pos) {
      return pos == null ? file : file + ":" + pos.line() + ":" + pos.column();
    }
  }
}
