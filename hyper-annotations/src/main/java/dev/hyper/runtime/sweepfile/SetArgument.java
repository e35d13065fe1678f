package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * One {@code --set KEY=V1,V2,...} argument: a comma list sweeps a parameter, one value fixes it.
 * KEY is a parameter (jsonnet name, component name or {@code params.}name), {@code n_trials}, or
 * {@code slurm.KEY}, or {@code halving.min}, {@code halving.max}, {@code halving.reduction}, or
 * {@code search.seed}, {@code search.samples}. String values cannot contain commas here; use a sweep file for those.
 */
public final class SetArgument {
  private SetArgument() {}

  public static Override parse(String argument, SweepSpec<?> spec) throws SweepFileException {
    return parse(argument, spec.grid().params(), spec);
  }

  private static <P> Override parse(String argument, List<Param<P>> params, SweepSpec<?> spec)
      throws SweepFileException {
    String where = "--set " + argument + ": ";
    int eq = argument.indexOf('=');
    if (eq <= 0) {
      throw new SweepFileException(List.of(where + "expected KEY=VALUE[,VALUE...], e.g. hidden_dim=128,256"));
    }
    String key = argument.substring(0, eq).trim();
    String text = argument.substring(eq + 1);
    String source = "set " + argument;
    if (key.equals("n_trials")) {
      OptionalInt trials = Trials.of(TomlScalar.parse(text.trim()));
      if (trials.isEmpty()) {
        throw new SweepFileException(List.of(where + Trials.RULE + ", found '" + text + "'"));
      }
      return new Override(source, Map.of(), trials, UnaryOperator.identity());
    }
    if (key.startsWith("slurm.")) {
      String slurmKey = key.substring("slurm.".length());
      Object value = SlurmKeys.fromText(slurmKey, text);
      String problem = SlurmKeys.check(slurmKey, value);
      if (problem != null) {
        throw new SweepFileException(List.of(where + problem));
      }
      UnaryOperator<SlurmSettings> set = SlurmKeys.setter(slurmKey, value);
      return new Override(source, Map.of(), OptionalInt.empty(), set);
    }
    if (key.startsWith("halving.")) {
      String halvingKey = key.substring("halving.".length());
      Object value = TomlScalar.parse(text.trim());
      String problem = HalvingKeys.check(spec.name(), spec.halving().isPresent(), halvingKey,
          value == null ? "'" + text + "'" : value);
      if (problem != null) {
        throw new SweepFileException(List.of(where + problem));
      }
      return new Override(source, Map.of(), OptionalInt.empty(), UnaryOperator.identity(), List.of(),
          HalvingKeys.setter(halvingKey, value));
    }
    if (key.startsWith("search.")) {
      String searchKey = key.substring("search.".length());
      Object value = TomlScalar.parse(text.trim());
      String problem = SearchKeys.check(spec.name(), spec.grid().strategy().isRandom(), searchKey,
          value == null ? "'" + text + "'" : value);
      if (problem != null) {
        throw new SweepFileException(List.of(where + problem));
      }
      return new Override(source, Map.of(), OptionalInt.empty(), UnaryOperator.identity(), List.of(),
          UnaryOperator.identity(), SearchKeys.setter(searchKey, value));
    }
    ParamNames<P> names = new ParamNames<>(params);
    Optional<Param<P>> param = names.find(key);
    if (param.isEmpty()) {
      throw new SweepFileException(List.of(where + names.unknown(key)));
    }
    List<Object> values = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String one : text.split(",", -1)) {
      String v = param.get().kind() == Param.Kind.STRING ? one : one.trim();
      TypedValue.Result r = TypedValue.fromText(param.get(), v);
      if (!r.isOk()) {
        problems.add(where + "'" + key + "': " + r.error());
      } else if (values.contains(r.value())) {
        problems.add(where + "'" + key + "': " + r.value() + " is listed twice");
      } else {
        values.add(r.value());
      }
    }
    if (!problems.isEmpty()) {
      throw new SweepFileException(problems);
    }
    return new Override(source, Map.of(param.get().component(), values), OptionalInt.empty(),
        UnaryOperator.identity());
  }
}
