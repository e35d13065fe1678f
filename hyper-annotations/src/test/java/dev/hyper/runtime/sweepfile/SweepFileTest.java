package dev.hyper.runtime.sweepfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.SearchGrids;
import dev.hyper.runtime.SearchParams;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParams.Mode;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files and --set against the test record (lr double, note String, mode enum). */
class SweepFileTest {
  private final SweepSpec<TestParams> spec = TestSweeps.builder("toy")
      .slurm(SlurmSettings.NONE.withQos("normal")).build();

  /** int axes, and a component name (hiddenDim) that is not its jsonnet name (hidden_dim). */
  private final SweepSpec<SearchParams> search = SweepSpec.builder("search", SearchParams.class, SearchGrids.grid())
      .build();

  @TempDir Path dir;

  private SweepSpec<TestParams> apply(String toml, String... sets) throws Exception {
    Path file = dir.resolve("sweep.toml");
    Files.writeString(file, toml);
    List<Override> overrides = new java.util.ArrayList<>();
    overrides.add(SweepFile.read(file, spec));
    for (String s : sets) {
      overrides.add(SetArgument.parse(s, spec));
    }
    return Overrides.apply(spec, overrides);
  }

  private List<String> problems(String toml) throws Exception {
    Path file = dir.resolve("bad.toml");
    Files.writeString(file, toml);
    return assertThrows(SweepFileException.class, () -> SweepFile.read(file, spec)).problems();
  }

  private String at(String where) {
    return dir.resolve("bad.toml") + ":" + where + ": ";
  }

  @Test
  void everyKeyFormNamesTheSameParameter() throws Exception {
    for (String key : List.of("lr", "\"params.lr\"", "params.lr")) {
      SweepSpec<TestParams> s = apply("[hyper]\n" + key + " = [0.5, 0.25]\n");
      assertEquals(List.of(0.5, 0.25), s.grid().params().get(0).values(), key);
      assertEquals(new TestParamsGrid().params().get(1).values(), s.grid().params().get(1).values());
    }
  }

  @Test
  void paramsFixAValueAndHyperWinsOverParams() throws Exception {
    SweepSpec<TestParams> s = apply("""
        n_trials = 3
        [hyper]
        note = ["a", "b"]
        [params]
        note = "fixed"
        mode = "SLOW"
        lr = 1
        """);
    assertEquals(List.of("a", "b"), s.grid().params().get(1).values());
    assertEquals(List.of(Mode.SLOW), s.grid().params().get(2).values());
    assertEquals(List.of(1.0), s.grid().params().get(0).values(), "an integer is a fine double");
    assertEquals(3, s.trials());
    assertEquals(2, s.grid().size());
  }

  @Test
  void slurmTableReplacesOnlyTheKeysItSets() throws Exception {
    SweepSpec<TestParams> s = apply("[slurm]\ntime = \"4:00:00\"\ncpus = 4\n");
    assertEquals("normal", s.slurm().qos());
    assertEquals("4:00:00", s.slurm().time());
    assertEquals(4, s.slurm().cpus());
  }

  @Test
  void setArgumentsComposeAfterTheFileInOrder() throws Exception {
    SweepSpec<TestParams> s = apply("[hyper]\nlr = [0.5, 0.25]\n", "lr=0.1,0.2,0.3", "lr=0.7", "mode=FAST",
        "n_trials=2", "slurm.qos=long");
    assertEquals(List.of(0.7), s.grid().params().get(0).values());
    assertEquals(List.of(Mode.FAST), s.grid().params().get(2).values());
    assertEquals(2, s.trials());
    assertEquals("long", s.slurm().qos());
    assertEquals(3, s.grid().size());
  }

  @Test
  void searchSeedAndSamplesDrawAnotherSampleOfTheSameSpace() throws Exception {
    SweepSpec<SearchParams> random = SweepSpec.builder("rand", SearchParams.class, SearchGrids.random(12, 7)).build();
    Path file = dir.resolve("search.toml");
    Files.writeString(file, "[search]\nseed = 11\n");
    SweepSpec<SearchParams> fromFile = Overrides.apply(random, List.of(SweepFile.read(file, random)));
    assertEquals(11, fromFile.grid().strategy().seed());
    assertEquals(12, fromFile.grid().size());
    assertEquals(SearchGrids.random(12, 11).get(5), fromFile.grid().get(5));
    assertTrue(!random.grid().get(5).equals(fromFile.grid().get(5)), "seed 11 draws other points than seed 7");
    SweepSpec<SearchParams> set = Overrides.apply(random, List.of(SweepFile.read(file, random),
        SetArgument.parse("search.samples=30", random), SetArgument.parse("search.seed=3", random)));
    assertEquals(30, set.grid().size());
    assertEquals(3, set.grid().strategy().seed());
    assertEquals(SearchGrids.random(30, 3).get(29), set.grid().get(29));
    assertEquals("random search, seed 3: 30 samples from " + SearchGrids.random(30, 3).describe()
        .replaceFirst("^random search, seed 3: 30 samples from ", ""), set.grid().describe());
  }

  @Test
  void badSearchKeys() throws Exception {
    SweepSpec<SearchParams> random = SweepSpec.builder("rand", SearchParams.class, SearchGrids.random(12, 7)).build();
    assertEquals("--set search.samples=0: search 'samples' must be an integer >= 1, found 0",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("search.samples=0", random)).getMessage());
    assertEquals("--set search.seed=1.5: search 'seed' must be an integer, found 1.5",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("search.seed=1.5", random)).getMessage());
    assertEquals("--set search.seed=x: search 'seed' must be an integer, found 'x'",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("search.seed=x", random)).getMessage());
    assertEquals("--set search.sed=1: unknown search key 'sed'. Did you mean 'seed'?",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("search.sed=1", random)).getMessage());
    assertEquals("--set search.seed=1: sweep 'search' is a grid: it has no seed to change; declare"
        + " @Sweep(samples = N) for a random search",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("search.seed=1", search)).getMessage());
    Path file = dir.resolve("bad.toml");
    Files.writeString(file, "[search]\nseed = \"seven\"\nsamples = -1\n");
    assertEquals(List.of(at("2:1") + "search 'seed' must be an integer, found seven",
        at("3:1") + "search 'samples' must be an integer >= 1, found -1"),
        assertThrows(SweepFileException.class, () -> SweepFile.read(file, random)).problems());
  }

  @Test
  void unknownKeySaysWhereAndSuggests() throws Exception {
    assertEquals(List.of(at("2:1") + "'nte' is not a parameter of this sweep. Did you mean 'note'?"),
        problems("[hyper]\nnte = [\"a\"]\n"));
  }

  @Test
  void unknownTopLevelKeyAndTable() throws Exception {
    assertEquals(List.of(at("1:1") + "unknown key 'n_trails'. Did you mean 'n_trials'?",
            at("2:1") + "unknown key 'grid'. Valid: model, n_trials, slurm, hyper, params, jvm, halving, search."),
        problems("n_trails = 2\n[grid]\nlr = [1.0]\n"));
  }

  @Test
  void wrongTypesNameKeyExpectedTypeAndLine() throws Exception {
    assertEquals(List.of(
            at("2:7") + "'lr': expected a double, found the string \"0.5\"",
            at("3:9") + "'mode': 'FASTER' is not a constant of Mode. Did you mean 'FAST'?",
            at("4:9") + "'note': expected a string, found the integer 3"),
        problems("[hyper]\nlr = [\"0.5\"]\nmode = [\"FASTER\"]\nnote = [3]\n"));
  }

  @Test
  void emptyListDuplicateAndScalarInHyper() throws Exception {
    assertEquals(List.of(
            at("2:1") + "'lr' has no values; list at least one",
            at("3:14") + "'note': a is listed twice",
            at("4:1") + "'mode' in [hyper] must be a list of values, e.g. [1, 2]; fix a single value in [params]"),
        problems("[hyper]\nlr = []\nnote = [\"a\", \"a\"]\nmode = \"FAST\"\n"));
  }

  @Test
  void badSlurmTimeAndTrials() throws Exception {
    assertEquals(List.of(
            at("1:1") + "'n_trials' must be an integer >= 1, found 0",
            at("3:1") + "slurm time '1 day' is not a SLURM time. Use M, M:S, H:M:S, D-H, D-H:M or D-H:M:S, "
                + "e.g. '1-00:00:00' or '90'."),
        problems("n_trials = 0\n[slurm]\ntime = \"1 day\"\n"));
  }

  @Test
  void modelMustNameThisSweep() throws Exception {
    assertEquals(List.of(at("1:1") + "'model' is 'rnn' but this is sweep 'toy'"), problems("model = \"rnn\"\n"));
  }

  @Test
  void everyTomlSyntaxErrorWithItsLine() throws Exception {
    List<String> problems = problems("model = \n[hyper]\nlr = [0.1\nnote = \"open\n");
    assertTrue(problems.size() >= 2, problems.toString());
    assertTrue(problems.get(0).startsWith(at("1:9") + "TOML syntax: "), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.startsWith(dir.resolve("bad.toml") + ":")), problems.toString());
  }

  @Test
  void badSetArguments() {
    assertEquals("--set lr=x: 'lr': expected a double, found 'x'",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("lr=x", spec)).getMessage());
    assertEquals("--set hidden=1: 'hidden' is not a parameter of this sweep. Valid: lr, note, mode.",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("hidden=1", spec)).getMessage());
    assertEquals("--set lr: expected KEY=VALUE[,VALUE...], e.g. hidden_dim=128,256",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("lr", spec)).getMessage());
    assertEquals("--set mode=FAST,FAST: 'mode': FAST is listed twice",
        assertThrows(SweepFileException.class, () -> SetArgument.parse("mode=FAST,FAST", spec)).getMessage());
  }

  @Test
  void sourcesAreRecordedWithTheFilesHash() throws Exception {
    Path file = dir.resolve("sweep.toml");
    Files.writeString(file, "[hyper]\nlr = [0.5]\n");
    List<String> lines = Overrides.describe(List.of(SweepFile.read(file, spec), SetArgument.parse("lr=0.1", spec)));
    assertEquals(List.of("config " + file + " sha256=" + dev.hyper.runtime.io.Sha256.of(file), "set lr=0.1"),
        lines);
    assertEquals(64, lines.get(0).length() - lines.get(0).indexOf("sha256=") - "sha256=".length());
  }

  @Test
  void oneParameterUnderTwoSpellingsInHyperNamesBothPlaces() throws Exception {
    String file = dir.resolve("bad.toml").toString();
    assertEquals(List.of(at("3:1") + "'params.lr' sets the same parameter as 'lr' at " + file + ":2:1; keep one of them"),
        problems("[hyper]\nlr = [0.5]\n\"params.lr\" = [0.25]\n"));
    // the dotted params.note joins the params table of line 2, yet the later line is the one refused
    assertEquals(List.of(at("4:1") + "'params.note' sets the same parameter as 'note' at " + file + ":3:1; "
            + "keep one of them"),
        problems("[hyper]\nparams.lr = [0.5]\nnote = [\"a\"]\nparams.note = [\"b\"]\n"));
  }

  @Test
  void oneParameterUnderTwoSpellingsInParamsNamesBothPlaces() throws Exception {
    assertEquals(List.of(at("3:1") + "'\"params.lr\"' sets the same parameter as 'lr' at "
            + dir.resolve("bad.toml") + ":2:1; keep one of them"),
        problems("[params]\nlr = 0.5\n\"params.lr\" = 0.25\n"));
  }

  @Test
  void componentAndJsonnetNameAreTwoSpellingsOfOneParameter() {
    SweepFileException e = assertThrows(SweepFileException.class,
        () -> SweepFile.parse("[hyper]\nhidden_dim = [1]\nhiddenDim = [2]\n", "s.toml", "config s.toml", search));
    assertEquals("s.toml:3:1: 'hiddenDim' sets the same parameter as 'hidden_dim' at s.toml:2:1; keep one of them",
        e.getMessage());
  }

  private static String setError(String argument, SweepSpec<?> spec) {
    return assertThrows(SweepFileException.class, () -> SetArgument.parse(argument, spec)).getMessage();
  }

  @Test
  void setNumbersAreTomlNumbers() {
    assertEquals("--set lr=1d: 'lr': expected a double, found '1d'", setError("lr=1d", spec));
    assertEquals("--set lr=0x1p3: 'lr': expected a double, found '0x1p3'", setError("lr=0x1p3", spec));
    assertEquals("--set lr=Infinity: 'lr': expected a double, found 'Infinity'", setError("lr=Infinity", spec));
    assertEquals("--set lr=inf: 'lr': expected a finite double, found Infinity", setError("lr=inf", spec));
    assertEquals("--set hidden_dim=\u0661\u0662: 'hidden_dim': expected an int, found '\u0661\u0662'",
        setError("hidden_dim=\u0661\u0662", search));
    assertEquals("--set n_layers=\uff11: 'n_layers': expected an int, found '\uff11'", setError("n_layers=\uff11", search));
    assertEquals("--set n_layers=1.0: 'n_layers': expected an int, found the float 1.0", setError("n_layers=1.0", search));
    assertEquals("--set n_layers=3000000000: 'n_layers': the integer 3000000000 does not fit an int",
        setError("n_layers=3000000000", search));
  }

  @Test
  void setTrialsAndSlurmNumbersAreTomlIntegers() throws Exception {
    assertEquals("--set n_trials=\u0663: 'n_trials' must be an integer >= 1, found '\u0663'",
        setError("n_trials=\u0663", spec));
    assertEquals("--set n_trials=1d: 'n_trials' must be an integer >= 1, found '1d'", setError("n_trials=1d", spec));
    assertEquals("--set n_trials=0: 'n_trials' must be an integer >= 1, found '0'", setError("n_trials=0", spec));
    assertEquals("--set slurm.cpus=\u0664: slurm 'cpus' must be an integer >= 0", setError("slurm.cpus=\u0664", spec));
    assertEquals("--set slurm.max_parallel=4L: slurm 'max_parallel' must be an integer >= 0",
        setError("slurm.max_parallel=4L", spec));
    SweepSpec<TestParams> s = apply("", "n_trials= 1_000 ", "slurm.cpus=0x10", "slurm.max_parallel=+3");
    assertEquals(1000, s.trials());
    assertEquals(16, s.slurm().cpus());
    assertEquals(3, s.slurm().maxParallel());
  }

  /** Every text is a value for --set exactly when it is one in a sweep file, and the same value. */
  @Test
  void setAndSweepFileShareOneNumberGrammar() {
    List<String> texts = List.of("1", "-7", "+12", "1_000", "0x10", "0o17", "0b101", "1.5", "-0.0", "1e-3", "6.02E23",
        "1d", "1f", "1L", "0x1p3", ".5", "5.", "01", "1__0", "1e400", "\u0661", "\uff11", "\u00b2", "inf", "nan", "true",
        "0x", "1e", "--1", "1979-05-27", "Infinity", "NaN", "9223372036854775807", "9223372036854775808");
    for (String text : texts) {
      for (String key : List.of("lr", "hidden_dim")) {
        Object fromSet = valueOrProblem(() -> SetArgument.parse(key + "=" + text, search).values().values());
        Object fromFile = valueOrProblem(() -> SweepFile.parse("[hyper]\n" + key + " = [" + text + "]\n", "s.toml",
            "config s.toml", search).values().values());
        assertEquals(fromFile instanceof SweepFileException, fromSet instanceof SweepFileException,
            key + "=" + text + ": file " + fromFile + ", --set " + fromSet);
        if (!(fromFile instanceof SweepFileException)) {
          assertEquals(fromFile, fromSet, key + "=" + text);
        }
      }
    }
  }

  private interface Read {
    Object get() throws SweepFileException;
  }

  private static Object valueOrProblem(Read read) {
    try {
      return List.copyOf((java.util.Collection<?>) read.get());
    } catch (SweepFileException e) {
      return e;
    }
  }

  @Test
  void aSweepFileThatIsNotUtf8NamesLineAndColumn() throws Exception {
    Path file = dir.resolve("bad.toml");
    Files.write(file, new byte[] {'[', 'h', 'y', 'p', 'e', 'r', ']', '\n', 'n', 'o', 't', 'e', ' ', '=', ' ', '[', '"', 'a',
        (byte) 0xff, '"', ']', '\n'});
    assertEquals(List.of(at("2:11") + "not UTF-8 (byte 0xFF); TOML files are UTF-8"),
        assertThrows(SweepFileException.class, () -> SweepFile.read(file, spec)).problems());
  }

  /** tomlj throws a NullPointerException on this; Hyper reports it as bad TOML at the line it fails by. */
  @Test
  void inputThatBreaksTheTomlParserIsASyntaxErrorAtItsLine() throws Exception {
    assertEquals(List.of(at("3") + "not valid TOML: the parser failed by this line (NullPointerException in tomlj)"),
        problems("[hyper]\nlr = [0.5]\nr={3,#\u0000,\nnote = [\"a\"]\n"));
  }

  @Test
  void aSweepFileLargerThanTheLimitIsRefusedBeforeItIsParsed() throws Exception {
    Path big = dir.resolve("big.toml");
    Files.writeString(big, "# " + "x".repeat((int) SweepFile.MAX_BYTES - 2) + "\n");
    SweepFileException e = assertThrows(SweepFileException.class, () -> SweepFile.read(big, spec));
    assertEquals(List.of(big + ": " + (SweepFile.MAX_BYTES + 1) + " bytes, more than the 1048576 a sweep file may"
        + " have; give long lists of values as a range or a distribution (@Range, @LogRange, @Uniform, @LogUniform"
        + " with samples)"), e.problems());
    Files.writeString(big, "# " + "x".repeat((int) SweepFile.MAX_BYTES - 3) + "\n");
    assertEquals(java.util.Map.of(), SweepFile.read(big, spec).values(), "the limit itself is read");
  }
}
