package dev.hyper.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hyper.processor.Hyper.source;

import com.google.testing.compile.Compilation;
import dev.hyper.processor.model.Template;
import dev.hyper.processor.read.JsonnetEngine;
import dev.hyper.processor.validation.Code;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One test (at least) per diagnostic code: exact text, count, file and line. */
class HyperValidationTest {
  /** Codes some test here asserts; checked against {@link Code} at the end. */
  private static final Set<String> TESTED = new TreeSet<>();

  private static Compilation compile(JavaFileObject... sources) {
    return Hyper.javacWithHyper().compile(sources);
  }

  private static JavaFileObject record(String annotation, String components) {
    return source("exp.P", "package exp;\n\nimport dev.hyper.*;\n\n" + annotation + "\npublic record P(\n" + components
        + ") {}\n");
  }

  private static void tested(Code code) {
    TESTED.add(code.name());
  }

  @AfterAll
  static void everyCodeIsTested() {
    Set<String> all = Arrays.stream(Code.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    all.removeAll(TESTED);
    assertThat(all).isEmpty();
  }

  // ---- the record and @Sweep

  @Test
  void notARecord() {
    JavaFileObject src = source("exp.Foo", """
        package exp;
        @dev.hyper.Sweep(name = "foo")
        public class Foo {}
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/NotARecord] @Sweep is on class 'Foo', but it applies only to records. "
        + "Declare 'Foo' as a record whose components carry @Axis.").inFile(src).onLineContaining("@dev.hyper.Sweep");
    tested(Code.NotARecord);
  }

  @Test
  void unsupportedRecord() {
    JavaFileObject src = source("exp.Outer", """
        package exp;
        import dev.hyper.*;
        public class Outer {
          @Sweep(name = "a")
          record Generic<T>(@Axis(ints = 1) int x) {}
          @Sweep(name = "b")
          private record Hidden(@Axis(ints = 1) int x) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/UnsupportedRecord] Record 'Outer.Generic' cannot be swept: it is generic. "
        + "Hyper generates classes beside it that must name it: use a non-generic top-level or nested record that "
        + "is not private.").inFile(src).onLineContaining("name = \"a\"");
    assertThat(c).hadErrorContaining("[hyper/UnsupportedRecord] Record 'Outer.Hidden' cannot be swept: it is private.")
        .inFile(src).onLineContaining("name = \"b\"");
    tested(Code.UnsupportedRecord);
  }

  @Test
  void badSweepName() {
    JavaFileObject src = record("@Sweep(\n    name = \"RNN model\")", "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadSweepName] Sweep name 'RNN model' is not allowed. Use lower-case "
        + "letters, digits, '_' and '-', starting with a letter or digit ([a-z0-9][a-z0-9_-]*). "
        + "Did you mean 'rnn-model'?").inFile(src).onLineContaining("name = \"RNN model\"");
    tested(Code.BadSweepName);
  }

  @Test
  void duplicateSweepName() {
    JavaFileObject a = source("exp.A", "package exp;\n@dev.hyper.Sweep(name = \"rnn\")\n"
        + "public record A(@dev.hyper.Axis(ints = 1) int x) {}\n");
    JavaFileObject b = source("exp.B", "package exp;\n@dev.hyper.Sweep(name = \"rnn\")\n"
        + "public record B(@dev.hyper.Axis(ints = 1) int x) {}\n");
    Compilation c = compile(a, b);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/DuplicateSweepName] Sweep name 'rnn' is already used by exp.A. "
        + "Give each @Sweep of a jar its own name.").inFile(b).onLineContaining("name = \"rnn\"");
    tested(Code.DuplicateSweepName);
  }

  @Test
  void badTrials() {
    JavaFileObject src = record("@Sweep(name = \"t\",\n    trials = 0)", "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadTrials] trials = 0 is not allowed. Each grid point runs at least "
        + "once: use trials = 1 or more.").inFile(src).onLineContaining("trials = 0");
    tested(Code.BadTrials);
  }

  @Test
  void badJvmArg() {
    JavaFileObject src = record("@Sweep(name = \"t\",\n    jvmArgs = {\"-Xmx1g\", \"-Da=b\\tc\"})", "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadJvmArg] jvmArgs lists '-Da=b\tc', which is empty or holds a tab,"
        + " line break or control character. Give each JVM option as one printable word.").inFile(src)
        .onLineContaining("jvmArgs = ");
    tested(Code.BadJvmArg);
  }

  @Test
  void gridTooLarge() {
    StringBuilder components = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      components.append(i == 0 ? "" : ",\n").append("@Axis(ints = {0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15}) int x")
          .append(i);
    }
    JavaFileObject src = record("@Sweep(name = \"huge\")", components.toString());
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/GridTooLarge] The grid of 'P' has 18446744073709551616 points x 1 "
        + "trials, more experiments than a long can count. Sweep fewer values.")
        .inFile(src).onLineContaining("@Sweep(name = \"huge\")");
    tested(Code.GridTooLarge);
  }

  @Test
  void badMetric() {
    JavaFileObject noGoal = source("exp.A", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"a\",\n    metric = \"val_mse\")\npublic record A(@Axis(ints = {1, 2}) int x) {}\n");
    JavaFileObject noMetric = source("exp.B", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"b\",\n    goal = Goal.MIN)\npublic record B(@Axis(ints = {1, 2}) int x) {}\n");
    JavaFileObject badName = source("exp.C", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"c\",\n    metric = \"val..loss\\n\", goal = Goal.MIN)\npublic record C(@Axis(ints = {1, 2}) int x) {}\n");
    JavaFileObject fine = source("exp.D", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"d\", metric = \"validation.wer\", goal = Goal.MIN)\npublic record D(@Axis(ints = 1) int x) {}\n");
    Compilation c = compile(noGoal, noMetric, badName, fine);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("[hyper/BadMetric] metric = \"val_mse\" has no goal. Say which way it is better: "
        + "goal = Goal.MIN (smaller, e.g. a loss) or goal = Goal.MAX (larger, e.g. an accuracy).")
        .inFile(noGoal).onLineContaining("metric = \"val_mse\"");
    assertThat(c).hadErrorContaining("[hyper/BadMetric] goal = Goal.MIN has no metric to apply to. Name the metrics.json "
        + "key too, e.g. metric = \"best_validation_loss\", or remove goal.")
        .inFile(noMetric).onLineContaining("goal = Goal.MIN");
    assertThat(c).hadErrorContaining("[hyper/BadMetric] metric = \"val..loss\\n\" is not a key of metrics.json. "
        + "Write its key, or a dotted path to a nested one (e.g. \"validation.loss\"): no empty parts, spaces or "
        + "control characters.").inFile(badName).onLineContaining("metric = \"val..loss");
    tested(Code.BadMetric);
  }

  @Test
  void badHalving() {
    JavaFileObject numbers = source("exp.A", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"a\", samples = 9,\n  halving = @Halving(metric = \"acc\", goal = Goal.MAX, min = 0, max = 9,"
        + " reduction = 1))\npublic record A(@Axis(uniform = @Uniform(min = 0, max = 1)) double x) {}\n");
    JavaFileObject order = source("exp.B", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"b\", samples = 9,\n  halving = @Halving(metric = \"acc\", goal = Goal.MAX, min = 27, max = 27))\n"
        + "public record B(@Axis(uniform = @Uniform(min = 0, max = 1)) double x) {}\n");
    JavaFileObject keys = source("exp.C", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"c\", samples = 9,\n  halving = @Halving(metric = \"step\",\n resource = \"time\", max = 9))\n"
        + "public record C(@Axis(uniform = @Uniform(min = 0, max = 1)) double x) {}\n");
    JavaFileObject goal = source("exp.D", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"d\", samples = 9,\n  halving = @Halving(metric = \"val loss\", max = 9))\n"
        + "public record D(@Axis(uniform = @Uniform(min = 0, max = 1)) double x) {}\n");
    JavaFileObject noGoal = source("exp.F", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"f\", samples = 9,\n  halving = @Halving(metric = \"val_loss\", max = 9))\n"
        + "public record F(@Axis(uniform = @Uniform(min = 0, max = 1)) double x) {}\n");
    Compilation c = compile(numbers, order, keys, goal, noGoal);
    assertThat(c).hadErrorCount(6);
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving is not valid: reduction 1 must be at least 2; min 0 "
        + "must be at least 1. Write 1 <= min < max and reduction >= 2, e.g. @Halving(min = 1, max = 27, reduction = 3).")
        .inFile(numbers).onLineContaining("halving = @Halving");
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving is not valid: max 27 must be more than min 27.")
        .inFile(order).onLineContaining("halving = @Halving");
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving metric = \"step\" is not a key of the step log. "
        + "Write the key the trainer passes to experiment.log, e.g. metric = \"validation_accuracy\": no spaces or "
        + "control characters, not 'step' or 'time'.").inFile(keys).onLineContaining("metric = \"step\"");
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving resource = \"time\" is not a key of the step log. "
        + "Write the key the trainer passes to experiment.log, e.g. resource = \"epoch\": no spaces or control "
        + "characters, not 'time' ('step' means log's step itself).").inFile(keys).onLineContaining("resource = ");
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving metric = \"val loss\" is not a key of the step log.")
        .inFile(goal).onLineContaining("halving = @Halving");
    assertThat(c).hadErrorContaining("[hyper/BadHalving] @Halving has no goal. Say which way metric \"val_loss\" is "
        + "better: goal = Goal.MIN (smaller, e.g. a loss) or goal = Goal.MAX (larger, e.g. an accuracy).")
        .inFile(noGoal).onLineContaining("halving = @Halving");
    tested(Code.BadHalving);
  }

  @Test
  void halvingNeedsSearch() {
    JavaFileObject one = record("@Sweep(name = \"h\",\n  halving = @Halving(metric = \"acc\", goal = Goal.MAX, max = 9))",
        "@Axis(ints = 1) int x");
    Compilation c = compile(one);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/HalvingNeedsSearch] @Halving on 'P' compares runs, but the sweep has 1 "
        + "point x 1 trial. Sweep at least two experiments: more values, samples = N, or trials >= 2.")
        .inFile(one).onLineContaining("halving = @Halving");
    tested(Code.HalvingNeedsSearch);
    JavaFileObject trials = record("@Sweep(name = \"h\", trials = 2,\n  halving = @Halving(metric = \"acc\", goal = "
        + "Goal.MIN, max = 9))", "@Axis(ints = 1) int x");
    assertThat(compile(trials)).succeededWithoutWarnings();
  }

  @Test
  void halvingReachesTheLauncher() {
    JavaFileObject src = record("@Sweep(name = \"h\", samples = 81, seed = 7, halving = @Halving(metric = "
        + "\"validation_accuracy\", goal = Goal.MAX, resource = \"epoch\", min = 1, max = 27, reduction = 3))",
        "@Axis(uniform = @Uniform(min = 0, max = 1)) double x");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("exp.PLauncher").contentsAsUtf8String().contains(
        ".halving(new HalvingSettings(\"validation_accuracy\", Goal.MAX, \"epoch\", 1L, 27L, 3))");
    JavaFileObject none = record("@Sweep(name = \"n\")", "@Axis(ints = {1, 2}) int x");
    Compilation d = compile(none);
    assertThat(d).succeededWithoutWarnings();
    assertThat(d).generatedSourceFile("exp.PLauncher").contentsAsUtf8String().doesNotContain(".halving(");
  }

  // ---- search spaces: ranges, distributions, random search, paired axes

  @Test
  void badRange() {
    JavaFileObject src = record("@Sweep(name = \"r\")", String.join(",\n    ",
        "@Axis(range = @Range(from = 1, to = 0, step = 0.1)) double a",
        "@Axis(range = @Range(from = 0, to = 1)) double b",
        "@Axis(logRange = @LogRange(from = 0, to = 1e-2, count = 4)) double c",
        "@Axis(logRange = @LogRange(from = 1e-5, to = 1e-2, count = 0)) double d",
        "@Axis(range = @Range(from = 0, to = 1, step = 0.25)) int e"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(5);
    assertThat(c).hadErrorContaining("[hyper/BadRange] @Axis(range) on 'a' is not valid: from 1 must be less than "
        + "to 0. Write from < to and exactly one of step > 0 or count >= 1, e.g. @Range(from = 100, to = 1000, "
        + "step = 100).").inFile(src).onLineContaining("double a");
    assertThat(c).hadErrorContaining("[hyper/BadRange] @Axis(range) on 'b' is not valid: set exactly one of step "
        + "and count.").inFile(src).onLineContaining("double b");
    assertThat(c).hadErrorContaining("[hyper/BadRange] @Axis(logRange) on 'c' is not valid: from 0 must be positive "
        + "for a log range. Write 0 < from < to and count >= 1, e.g. @LogRange(from = 1e-5, to = 1e-2, count = 4).")
        .inFile(src).onLineContaining("double c");
    assertThat(c).hadErrorContaining("[hyper/BadRange] @Axis(logRange) on 'd' is not valid: count 0 must be in "
        + "[1, 100000].").inFile(src).onLineContaining("double d");
    assertThat(c).hadErrorContaining("[hyper/BadRange] @Axis(range) on 'e' is not valid: it gives 0.25, which is not an "
        + "int. On an int or long component every value must be a whole number").inFile(src).onLineContaining("int e");
    tested(Code.BadRange);
  }

  @Test
  void badDistribution() {
    JavaFileObject src = record("@Sweep(name = \"r\", samples = 4)", String.join(",\n    ",
        "@Axis(uniform = @Uniform(min = 0.6, max = 0.1)) double dropout",
        "@Axis(logUniform = @LogUniform(min = 0, max = 1e-2)) double lr"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/BadDistribution] @Axis(uniform) on 'dropout' is not valid: min 0.6 must "
        + "be less than max 0.1. Write finite min < max (and 0 < min for logUniform), e.g. @Uniform(min = 0.1, "
        + "max = 0.6).").inFile(src).onLineContaining("double dropout");
    assertThat(c).hadErrorContaining("[hyper/BadDistribution] @Axis(logUniform) on 'lr' is not valid: min 0 must be "
        + "positive.").inFile(src).onLineContaining("double lr");
    tested(Code.BadDistribution);
  }

  @Test
  void distributionOnATypeItCannotProduce() {
    JavaFileObject src = record("@Sweep(name = \"r\", samples = 4)", String.join(",\n    ",
        "@Axis(uniform = @Uniform(min = 1, max = 10)) int layers",
        "@Axis(range = @Range(from = 1, to = 3, step = 1)) String name"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch] Component 'layers' is an int, but its @Axis sets "
        + "'uniform'. 'uniform' makes doubles. Use 'ints' or 'range' for an int component.")
        .inFile(src).onLineContaining("int layers");
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch] Component 'name' is a String, but its @Axis sets "
        + "'range'. 'range' makes doubles, ints or longs. Use 'strings' for a String component.")
        .inFile(src).onLineContaining("String name");
  }

  @Test
  void distributionNeedsSamples() {
    JavaFileObject src = record("@Sweep(name = \"r\")",
        "@Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2)) double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/DistributionNeedsSamples] 'lr' is sampled from logUniform(1.0E-5, 0.01), "
        + "which a grid cannot enumerate. Set @Sweep(samples = N, seed = S) for random search, or give 'lr' values "
        + "or a range.").inFile(src).onLineContaining("double lr");
    tested(Code.DistributionNeedsSamples);
  }

  @Test
  void badSamples() {
    JavaFileObject negative = source("exp.N", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"n\",\n    samples = -3)\npublic record N(@Axis(ints = {1, 2}) int x) {}\n");
    JavaFileObject seedOnly = source("exp.S", "package exp;\nimport dev.hyper.*;\n"
        + "@Sweep(name = \"s\",\n    seed = 7)\npublic record S(@Axis(ints = {1, 2}) int x) {}\n");
    Compilation c = compile(negative, seedOnly);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/BadSamples] samples = -3 is not allowed. Use samples >= 1 for random "
        + "search, or leave it out for the full grid.").inFile(negative).onLineContaining("samples = -3");
    assertThat(c).hadErrorContaining("[hyper/BadSamples] seed = 7 has no effect without samples. Set samples = N for "
        + "random search, or remove seed.").inFile(seedOnly).onLineContaining("seed = 7");
    tested(Code.BadSamples);
  }

  @Test
  void badGroup() {
    JavaFileObject src = record("@Sweep(name = \"g\", samples = 3)", String.join(",\n    ",
        "@Axis(ints = {300, 1000}, group = \"arch\") int hiddenDim",
        "@Axis(ints = {1, 2}, group = \"arch\") int nLayers",
        "@Axis(ints = {1, 2}, group = \"acrh\") int width",
        "@Axis(uniform = @Uniform(min = 0, max = 1), group = \"reg\") double dropout"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/BadGroup] Group 'acrh' has only 'width'; a group pairs two or more "
        + "components. Did you mean 'arch'?").inFile(src).onLineContaining("int width");
    assertThat(c).hadErrorContaining("[hyper/BadGroup] 'dropout' is sampled from uniform(0, 1) and cannot be in "
        + "group 'reg': a group zips value lists. Remove the group, or give 'dropout' values.")
        .inFile(src).onLineContaining("double dropout");
    tested(Code.BadGroup);
  }

  @Test
  void groupSizeMismatch() {
    JavaFileObject src = record("@Sweep(name = \"g\")", String.join(",\n    ",
        "@Axis(ints = {300, 1000, 1500}, group = \"arch\") int hiddenDim",
        "@Axis(range = @Range(from = 1, to = 2, step = 1), group = \"arch\") int nLayers"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/GroupSizeMismatch] Group 'arch' pairs 'hiddenDim' (3 values) with "
        + "'nLayers' (2 values). Paired components zip by position: give them the same number of values.")
        .inFile(src).onLineContaining("int nLayers");
    tested(Code.GroupSizeMismatch);
  }

  // ---- components and @Axis

  @Test
  void missingAxis() {
    JavaFileObject src = record("@Sweep(name = \"m\")", "@Axis(ints = 1) int x,\n    double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/MissingAxis] Component 'lr' has no @Axis. Annotate it with the values "
        + "to sweep, e.g. @Axis(doubles = {0.1, 0.2}) (one value fixes it).").inFile(src).onLineContaining("double lr");
    tested(Code.MissingAxis);
  }

  @Test
  void unsupportedType() {
    JavaFileObject src = source("exp.P", """
        package exp;
        import dev.hyper.*;
        import java.util.List;
        @Sweep(name = "u")
        public record P(
            @Axis(ints = 1) Integer boxed,
            @Axis(ints = 1) List<Integer> sizes) {}
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/UnsupportedType] Component 'boxed' has type 'Integer', which @Axis "
        + "cannot sweep. Use double, int, long, String, boolean or an enum. Did you mean 'int'?")
        .inFile(src).onLineContaining("Integer boxed");
    assertThat(c).hadErrorContaining("[hyper/UnsupportedType] Component 'sizes' has type 'List<Integer>', which "
        + "@Axis cannot sweep. Use double, int, long, String, boolean or an enum.")
        .inFile(src).onLineContaining("sizes");
    tested(Code.UnsupportedType);
  }

  @Test
  void axisTypeMismatch() {
    JavaFileObject src = record("@Sweep(name = \"m\")",
        "@Axis(doubles = {100, 300}) int hiddenDim,\n    @Axis(strings = \"0.1\") double lr,\n"
            + "    @Axis(ints = 1) java.util.concurrent.TimeUnit unit");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch] Component 'hiddenDim' is an int, but its @Axis sets "
        + "'doubles'. Use 'ints' for an int component.").inFile(src).onLineContaining("hiddenDim");
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch] Component 'lr' is a double, but its @Axis sets "
        + "'strings'. Use 'doubles' for a double component.").inFile(src).onLineContaining("double lr");
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch] Component 'unit' is enum TimeUnit, but its @Axis "
        + "sets 'ints'. Use 'strings' naming constants of TimeUnit, or no values for all of them.")
        .inFile(src).onLineContaining("unit");
    tested(Code.AxisTypeMismatch);
  }

  @Test
  void axisAttributeConflict() {
    JavaFileObject src = record("@Sweep(name = \"m\")", "@Axis(doubles = 0.1, ints = 1) double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/AxisAttributeConflict] @Axis on 'lr' sets 'doubles' and 'ints'. "
        + "Set exactly one: 'doubles' for a double component.").inFile(src).onLineContaining("double lr");
    tested(Code.AxisAttributeConflict);
  }

  @Test
  void emptyAxis() {
    JavaFileObject src = record("@Sweep(name = \"m\")",
        "@Axis double lr,\n    @Axis(ints = {}) int hiddenDim,\n    @Axis java.util.concurrent.TimeUnit unit");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2); // the enum means every constant
    assertThat(c).hadErrorContaining("[hyper/EmptyAxis] @Axis on 'lr' lists no values. List at least one: "
        + "@Axis(doubles = {0.1, 0.2}).").inFile(src).onLineContaining("double lr");
    assertThat(c).hadErrorContaining("[hyper/EmptyAxis] @Axis on 'hiddenDim' lists no values. List at least one: "
        + "@Axis(ints = {1, 2}).").inFile(src).onLineContaining("int hiddenDim");
    tested(Code.EmptyAxis);
  }

  @Test
  void duplicateAxisValue() {
    JavaFileObject src = record("@Sweep(name = \"m\")",
        "@Axis(doubles = {0.001, 0.01,\n        1e-3}) double lr,\n    @Axis(strings = {\"a\", \"a\", \"a\"}) String opt");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/DuplicateAxisValue] @Axis on 'lr' lists 0.001 more than once. "
        + "List each value once.").inFile(src).onLineContaining("1e-3");
    assertThat(c).hadErrorContaining("[hyper/DuplicateAxisValue] @Axis on 'opt' lists \"a\" more than once.")
        .inFile(src).onLineContaining("String opt");
    tested(Code.DuplicateAxisValue);
  }

  @Test
  void unknownEnumConstant() {
    JavaFileObject src = source("exp.P", """
        package exp;
        import dev.hyper.*;
        @Sweep(name = "e")
        public record P(
            @Axis(strings = {"ADAM", "ADAMW"}) Opt opt,
            @Axis(strings = "momentum") Opt other) {
          public enum Opt { ADAM, ADAM_W, SGD }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/UnknownEnumConstant] 'ADAMW' is not a constant of enum P.Opt. "
        + "Did you mean 'ADAM_W'?").inFile(src).onLineContaining("ADAMW");
    assertThat(c).hadErrorContaining("[hyper/UnknownEnumConstant] 'momentum' is not a constant of enum P.Opt. "
        + "Use one of 'ADAM', 'ADAM_W', 'SGD'.").inFile(src).onLineContaining("momentum");
    tested(Code.UnknownEnumConstant);
  }

  @Test
  void nonFiniteValue() {
    JavaFileObject src = record("@Sweep(name = \"m\")",
        "@Axis(doubles = {0.1, Double.NaN}) double lr,\n    @Axis(doubles = 1.0 / 0) double scale");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/NonFiniteValue] @Axis on 'lr' lists NaN. Only finite doubles can reach "
        + "jsonnet and TOML: remove it.").inFile(src).onLineContaining("Double.NaN");
    assertThat(c).hadErrorContaining("[hyper/NonFiniteValue] @Axis on 'scale' lists Infinity.")
        .inFile(src).onLineContaining("double scale");
    tested(Code.NonFiniteValue);
  }

  @Test
  void inexactLong() {
    JavaFileObject src = record("@Sweep(name = \"m\", config = \"typed.jsonnet\")",
        "@Axis(longs = {1L,\n        9007199254740993L}) long lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/InexactLong] @Axis on 'lr' lists 9007199254740993L, which the template "
        + "cannot receive exactly: jsonnet numbers are doubles. Use values within +-2^53 (9007199254740992), or a "
        + "String.").inFile(src).onLineContaining("9007199254740993L");
    tested(Code.InexactLong);
  }

  @Test
  void badTlaName() {
    JavaFileObject src = record("@Sweep(name = \"m\")", "@Axis(ints = 1,\n        tla = \"hidden dim\") int hiddenDim");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadTlaName] 'hidden dim' (the tla of component 'hiddenDim') is not a "
        + "jsonnet identifier. Use letters, digits and '_', not starting with a digit.")
        .inFile(src).onLineContaining("tla = \"hidden dim\"");
    tested(Code.BadTlaName);
  }

  @Test
  void duplicateTla() {
    JavaFileObject src = record("@Sweep(name = \"m\")",
        "@Axis(ints = 1) int hiddenDim,\n    @Axis(ints = 2,\n        tla = \"hidden_dim\") int size");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/DuplicateTla] Components 'hiddenDim' and 'size' both fill 'hidden_dim'. "
        + "Give one of them another name or another @Axis(tla = ...).").inFile(src).onLineContaining("tla = \"hidden_dim\"");
    tested(Code.DuplicateTla);
  }

  // ---- the template

  private static final String RNN_AXES = """
          @Axis(doubles = {0.001, 0.0001}) double lr,
          @Axis(ints = {100, 300}) int hiddenDim
      """;

  @Test
  void templateNotFoundSuggestsTheClosestFile() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"rnn_modle.jsonnet\")", RNN_AXES);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateNotFound] Template 'rnn_modle.jsonnet' was not found. Looked in "
        + Hyper.jsonnetDir() + " (-Ahyper.jsonnetRoot). Put it in src/main/resources, or pass "
        + "-Ahyper.jsonnetRoot=DIR. Did you mean 'rnn_model.jsonnet'?").inFile(src).onLineContaining("rnn_modle");
    tested(Code.TemplateNotFound);
  }

  @Test
  void templateNotFoundThroughTheFilerSaysWhereItLooked() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"nowhere.jsonnet\")", RNN_AXES);
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new HyperProcessor(), new HyperIndexProcessor()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateNotFound] Template 'nowhere.jsonnet' was not found. Looked in "
        + "the class output").inFile(src).onLineContaining("nowhere.jsonnet");
    assertThat(c).hadErrorContaining(", the class path, the source path. Put it in src/main/resources, or pass "
        + "-Ahyper.jsonnetRoot=DIR.");
  }

  @Test
  void templateOnTheClassPathIsFoundThroughTheFiler() {
    JavaFileObject src = record("@Sweep(name = \"m\", config = \"jsonnet/rnn_model.jsonnet\")", RNN_AXES);
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new HyperProcessor(), new HyperIndexProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void templateSyntaxErrorOfTheBlogsTemplate() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"rnn_model_orig.jsonnet\")", RNN_AXES);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateSyntax] Template 'rnn_model_orig.jsonnet' does not compile: "
        + "rnn_model_orig.jsonnet:53:5: Expected \"}\", found \"optimizer:\" (ParseError). Fix the template; Hyper "
        + "checks it at compile time.").inFile(src).onLineContaining("rnn_model_orig.jsonnet");
    tested(Code.TemplateSyntax);
  }

  @Test
  void templateStaticError() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"static_error.jsonnet\")", "@Axis(doubles = 0.1) double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("does not compile: static_error.jsonnet:3:36: Unknown variable: momentum "
        + "(StaticError).").inFile(src).onLineContaining("static_error.jsonnet");
  }

  @Test
  void templateNotAFunction() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"not_function.jsonnet\")", RNN_AXES);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateNotAFunction] The top level of 'not_function.jsonnet' is an "
        + "object, not a function, so it takes no parameters. Make it 'function(lr=0.001, ...) { ... }'.")
        .inFile(src).onLineContaining("not_function.jsonnet");
    tested(Code.TemplateNotAFunction);
  }

  /** The blog's typo: hiden_dim. */
  @Test
  void unknownTlaSuggestsTheClosestParameter() {
    JavaFileObject src = record("@Sweep(name = \"rnn\", config = \"rnn_model.jsonnet\")",
        "@Axis(doubles = {0.001, 0.0001}) double lr,\n    @Axis(ints = {100, 300}) int hidenDim");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/UnknownTla] 'hiden_dim' (from component 'hidenDim') is not a parameter "
        + "of the top-level function in rnn_model.jsonnet. Did you mean 'hidden_dim'?")
        .inFile(src).onLineContaining("hidenDim");
    tested(Code.UnknownTla);
  }

  @Test
  void unknownTlaOverrideWithoutNearMissListsTheParameters() {
    JavaFileObject src = record("@Sweep(name = \"rnn\", config = \"rnn_model.jsonnet\")",
        "@Axis(doubles = {0.9},\n        tla = \"momentum\") double beta");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/UnknownTla] 'momentum' (the tla of component 'beta') is not a "
        + "parameter of the top-level function in rnn_model.jsonnet. Its parameters are 'lr', 'dropout', "
        + "'hidden_dim', 'n_hidden_layers', 'debug'; rename the component or set @Axis(tla = ...).")
        .inFile(src).onLineContaining("tla = \"momentum\"");
  }

  @Test
  void missingTla() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"required.jsonnet\")", "@Axis(doubles = 0.1) double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/MissingTla] required.jsonnet needs 'run_name' (no default), but P has "
        + "no component for it. Add a component 'run_name', or give 'run_name' a default in required.jsonnet.")
        .inFile(src).onLineContaining("required.jsonnet");
    tested(Code.MissingTla);
  }

  @Test
  void tlaTypeMismatch() {
    JavaFileObject src = record("@Sweep(name = \"m\", config = \"typed.jsonnet\")",
        "@Axis(ints = {0, 1}) int debug,\n    @Axis(doubles = 0.5) double optimizer,\n"
            + "    @Axis(strings = \"0.1\") String lr,\n    @Axis(ints = 1) int layers");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("[hyper/TlaTypeMismatch] Component 'debug' is an int, but 'debug' in "
        + "typed.jsonnet defaults to false (a boolean). Change the component's type or the template's default so "
        + "they agree.").inFile(src).onLineContaining("int debug");
    assertThat(c).hadErrorContaining("Component 'optimizer' is a double, but 'optimizer' in typed.jsonnet defaults "
        + "to \"adam\" (a string).").inFile(src).onLineContaining("double optimizer");
    assertThat(c).hadErrorContaining("Component 'lr' is a String, but 'lr' in typed.jsonnet defaults to 0.001 "
        + "(a number).").inFile(src).onLineContaining("String lr");
    assertThat(c).hadErrorContaining("Component 'layers' is an int, but 'layers' in typed.jsonnet defaults to an array.").inFile(src).onLineContaining("int layers");
    tested(Code.TlaTypeMismatch);
  }

  @Test
  void templateRenderFailedForTheFirstPoint() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"render_error.jsonnet\")", RNN_AXES);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateRenderFailed] Template 'render_error.jsonnet' fails for the "
        + "first grid point (lr=0.001, hidden_dim=100): render_error.jsonnet:2:3: Assertion failed: hidden_dim must be at least 200, "
        + "got 100. Fix the template or the axis values.").inFile(src).onLineContaining("render_error.jsonnet");
    tested(Code.TemplateRenderFailed);
  }

  @Test
  void templateWithPreludeAndImportCompiles() {
    JavaFileObject src = record("@Sweep(name = \"m\", config = \"prelude.jsonnet\")",
        "@Axis(doubles = {0.001, 0.0001}) double lr,\n    @Axis(ints = {100, 300}) int hiddenDim,\n"
            + "    @Axis(strings = {\"adam\", \"sgd\"}) String optimizer");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void renderErrorInsideAnImportNamesTheImportedFile() {
    JavaFileObject src = record("@Sweep(name = \"m\",\n    config = \"prelude_bad_import.jsonnet\")",
        "@Axis(doubles = 0.1) double lr,\n    @Axis(strings = \"adam\") String optimizer");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TemplateRenderFailed] Template 'prelude_bad_import.jsonnet' fails for "
        + "the first grid point (lr=0.1, optimizer=\"adam\"): lib/base.libsonnet:")
        .inFile(src).onLineContaining("prelude_bad_import.jsonnet");
  }

  // ---- trainer and SLURM

  @Test
  void trainerWrongType() {
    JavaFileObject src = source("exp.P", """
        package exp;
        import dev.hyper.*;
        import dev.hyper.runtime.*;
        @Sweep(name = "t",
            trainer = P.OtherTrainer.class)
        public record P(@Axis(ints = 1) int x) {
          public record Q(int y) {}
          public static class OtherTrainer implements Trainer<Q> {
            public void train(Q q, Experiment e) {}
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/TrainerWrongType] Trainer 'P.OtherTrainer' does not implement "
        + "Trainer<P> (it implements Trainer<P.Q>). Declare it 'implements Trainer<P>'.")
        .inFile(src).onLineContaining("trainer = P.OtherTrainer.class");
    tested(Code.TrainerWrongType);
  }

  @Test
  void trainerNotInstantiable() {
    JavaFileObject src = source("exp.Outer", """
        package exp;
        import dev.hyper.*;
        import dev.hyper.runtime.*;
        public class Outer {
          @Sweep(name = "a",
              trainer = Outer.Abstract.class)
          public record A(@Axis(ints = 1) int x) {}
          public abstract static class Abstract implements Trainer<A> {}

          @Sweep(name = "b",
              trainer = Outer.NoArg.class)
          public record B(@Axis(ints = 1) int x) {}
          public static class NoArg implements Trainer<B> {
            public NoArg(int size) {}
            public void train(B b, Experiment e) {}
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/TrainerNotInstantiable] Trainer 'Outer.Abstract' is abstract. Hyper "
        + "creates it with 'new Outer.Abstract()': make it a public, non-abstract, top-level or static class with a "
        + "public no-argument constructor.").inFile(src).onLineContaining("trainer = Outer.Abstract.class");
    assertThat(c).hadErrorContaining("[hyper/TrainerNotInstantiable] Trainer 'Outer.NoArg' has no public "
        + "no-argument constructor.").inFile(src).onLineContaining("trainer = Outer.NoArg.class");
    tested(Code.TrainerNotInstantiable);
  }

  @Test
  void badSlurmTime() {
    JavaFileObject src = record("@Sweep(name = \"s\", slurm = @Slurm(qos = \"gpu\",\n    time = \"25h\"))",
        "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadSlurmTime] @Slurm time '25h' is not a SLURM time. Use M, M:S, "
        + "H:M:S, D-H, D-H:M or D-H:M:S, e.g. '1-00:00:00' or '90'.").inFile(src).onLineContaining("time = \"25h\"");
    tested(Code.BadSlurmTime);
  }

  @Test
  void slurmTimeFormatsAreAccepted() {
    for (String time : new String[] {"90", "90:30", "1:00:00", "1-12", "1-12:30", "1-00:00:00"}) {
      JavaFileObject src = record("@Sweep(name = \"s\", slurm = @Slurm(time = \"" + time + "\"))", "@Axis(ints = 1) int x");
      assertThat(compile(src)).succeededWithoutWarnings();
    }
  }

  @Test
  void badSlurmCount() {
    JavaFileObject src = record("@Sweep(name = \"s\", slurm = @Slurm(\n    cpus = -1))", "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/BadSlurmCount] @Slurm cpus = -1 is negative. Use 0 for unset, or a "
        + "positive number.").inFile(src).onLineContaining("cpus = -1");
    tested(Code.BadSlurmCount);
  }

  @Test
  void badSlurmRequeueCountAndSignal() {
    JavaFileObject src = record("@Sweep(name = \"s\", slurm = @Slurm(\n    maxRequeues = -2,\n    signal = 70000))",
        "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[hyper/BadSlurmCount] @Slurm maxRequeues = -2 is negative.").inFile(src)
        .onLineContaining("maxRequeues = -2");
    assertThat(c).hadErrorContaining("[hyper/BadSlurmSignal] @Slurm signal = 70000 is not a number of seconds SLURM"
        + " accepts. Use 0 for no warning before the time limit, or 1 to 65535 seconds.").inFile(src)
        .onLineContaining("signal = 70000");
    tested(Code.BadSlurmSignal);
  }

  @Test
  void slurmSignalAndRequeuesReachTheLauncherOnlyWhenNotTheDefaults() {
    JavaFileObject src = record("@Sweep(name = \"s\", slurm = @Slurm(signal = 0, maxRequeues = 5))",
        "@Axis(ints = 1) int x");
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("exp.PLauncher").contentsAsUtf8String()
        .contains("SlurmSettings.NONE.withSignal(0).withMaxRequeues(5)");
    JavaFileObject defaults = record("@Sweep(name = \"s\", slurm = @Slurm(signal = 120, maxRequeues = 3))",
        "@Axis(ints = 1) int x");
    Compilation d = compile(defaults);
    assertThat(d).succeededWithoutWarnings();
    assertThat(d).generatedSourceFile("exp.PLauncher").contentsAsUtf8String().doesNotContain(".slurm(");
  }

  // ---- the processor itself

  @Test
  void unresolvedType() {
    JavaFileObject src = record("@Sweep(name = \"u\")", "@Axis(strings = \"A\") NotGenerated mode");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[hyper/UnresolvedType] 'NotGenerated', the type of component 'mode' of P, "
        + "could not be resolved. Hyper generated nothing for P; if that type is generated, look for earlier errors.")
        .inFile(src).onLineContaining("@Sweep(name = \"u\")");
    assertThat(c).hadErrorContaining("cannot find symbol");
    assertThat(c).hadErrorCount(2);
    tested(Code.UnresolvedType);
  }

  @Test
  void internalErrorIsReportedNotThrown() {
    JsonnetEngine broken = new JsonnetEngine() {
      @Override
      public Template inspect(String resource, Path file) {
        throw new IllegalStateException("boom");
      }

      @Override
      public Template inspect(String r, String t, String d, Function<String, Optional<String>> i) {
        throw new IllegalStateException("boom");
      }
    };
    JavaFileObject src = record("@Sweep(name = \"rnn\", config = \"rnn_model.jsonnet\")", RNN_AXES);
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new HyperProcessor(broken))
        .withOptions("-Ahyper.jsonnetRoot=" + Hyper.jsonnetDir())
        .compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[hyper/InternalError] Processing P failed: java.lang.IllegalStateException: "
        + "boom at ").inFile(src).onLineContaining("@Sweep");
    assertThat(c).hadErrorContaining("This is a Hyper bug, not yours: please report it with this message. "
        + "Generated nothing for P.");
    tested(Code.InternalError);
  }

  /** A value javac itself rejects: javac's error only, nothing from Hyper on top. */
  @Test
  void javacsOwnAnnotationErrorsAreNotRepeated() {
    JavaFileObject src = record("@Sweep(name = \"m\")", "@Axis(doubles = {0.1, \"x\"}) double lr");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("incompatible types").inFile(src).onLineContaining("double lr");
    assertThat(c).hadErrorCount(1);
  }

  /** A record with no components is one experiment: allowed. */
  @Test
  void recordWithoutComponentsCompiles() {
    JavaFileObject src = source("exp.P", "package exp;\n@dev.hyper.Sweep(name = \"one\", config = \"rnn_model.jsonnet\")\n"
        + "public record P() {}\n");
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  // ---- several at once

  /** Every problem of a record is reported, and nothing else: no 'cannot find symbol' for the missing Grid. */
  @Test
  void everyProblemOfARecordIsReportedWithoutCascade() {
    JavaFileObject src = source("exp.Bad", """
        package exp;
        import dev.hyper.*;
        @Sweep(name = "Bad Sweep", config = "rnn_model.jsonnet", trials = 0,
            slurm = @Slurm(time = "tomorrow"))
        public record Bad(
            @Axis(doubles = {0.1, 0.1}) double lr,
            @Axis(doubles = 0.5) int hiddenDim,
            double dropout,
            @Axis(ints = 1) int hidenLayers) {}
        """);
    JavaFileObject user = source("exp.UsesIt", """
        package exp;
        class UsesIt {
          long size = new BadGrid().size();
          Object spec = BadLauncher.SPEC;
        }
        """);
    Compilation c = compile(src, user);
    assertThat(c).hadErrorContaining("[hyper/BadSweepName]").inFile(src).onLineContaining("Bad Sweep");
    assertThat(c).hadErrorContaining("[hyper/BadTrials]").inFile(src).onLineContaining("trials = 0");
    assertThat(c).hadErrorContaining("[hyper/BadSlurmTime]").inFile(src).onLineContaining("tomorrow");
    assertThat(c).hadErrorContaining("[hyper/DuplicateAxisValue]").inFile(src).onLineContaining("double lr");
    assertThat(c).hadErrorContaining("[hyper/AxisTypeMismatch]").inFile(src).onLineContaining("int hiddenDim");
    assertThat(c).hadErrorContaining("[hyper/MissingAxis]").inFile(src).onLineContaining("double dropout");
    assertThat(c).hadErrorContaining("[hyper/UnknownTla] 'hiden_layers' (from component 'hidenLayers')")
        .inFile(src).onLineContaining("hidenLayers");
    assertThat(c).hadErrorCount(7);
  }
}
