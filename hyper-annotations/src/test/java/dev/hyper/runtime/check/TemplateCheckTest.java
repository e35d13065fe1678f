package dev.hyper.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.TestParams;
import dev.hyper.runtime.TestParamsGrid;
import dev.hyper.runtime.TestSweeps;
import dev.hyper.runtime.cli.HyperCli;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The name and type checks the processor and the launcher share, and the launcher's use of them. */
class TemplateCheckTest {
  private static final List<TemplateParam> RNN = List.of(
      new TemplateParam("lr", true, DefaultKind.NUMBER, "0.001"),
      new TemplateParam("dropout", true, DefaultKind.NUMBER, "0.25"),
      new TemplateParam("hidden_dim", true, DefaultKind.NUMBER, "1500"),
      new TemplateParam("n_hidden_layers", true, DefaultKind.NUMBER, "1"),
      new TemplateParam("debug", true, DefaultKind.BOOLEAN, "false"));

  /** The texts the launcher prints when the jar's template no longer fits TestParams (see renamed_model.jsonnet). */
  private static final List<String> RENAMED = List.of(
      "[hyper/UnknownTla] 'note' is not a parameter of the top-level function in check/renamed_model.jsonnet. "
          + "Did you mean 'notes'?",
      "[hyper/TlaTypeMismatch] Component 'mode' is enum TestParams.Mode, but 'mode' in check/renamed_model.jsonnet "
          + "defaults to 1 (a number). Change the component's type or the template's default so they agree.",
      "[hyper/MissingTla] check/renamed_model.jsonnet needs 'notes' (no default), but TestParams has no component "
          + "for it. Add a component 'notes', or give 'notes' a default in check/renamed_model.jsonnet.");

  @TempDir Path tmp;

  @Test
  void theBlogsTypoIsAnUnknownTlaWithASuggestion() {
    List<Problem> problems = TemplateCheck.check(
        List.of(new ParamDecl("hidenDim", "hiden_dim", Param.Kind.INT, "int")), RNN, "rnn_model.jsonnet", "RnnParams");
    assertEquals(List.of(new Problem("UnknownTla", "'hiden_dim' (from component 'hidenDim') is not a parameter of the "
        + "top-level function in rnn_model.jsonnet. Did you mean 'hidden_dim'?", Problem.Target.TLA, "hidenDim")),
        problems);
  }

  @Test
  void farNamesListTheParametersAndExplicitTlasSaySo() {
    List<Problem> problems = TemplateCheck.check(List.of(
        new ParamDecl("optimizer", "optimizer", Param.Kind.STRING, "String"),
        new ParamDecl("width", "w_idth_x", Param.Kind.INT, "int")), RNN, "rnn_model.jsonnet", "RnnParams");
    assertEquals(List.of(
        "[hyper/UnknownTla] 'optimizer' is not a parameter of the top-level function in rnn_model.jsonnet. Its "
            + "parameters are 'lr', 'dropout', 'hidden_dim', 'n_hidden_layers', 'debug'; rename the component or "
            + "set @Axis(tla = ...).",
        "[hyper/UnknownTla] 'w_idth_x' (the tla of component 'width') is not a parameter of the top-level function "
            + "in rnn_model.jsonnet. Its parameters are 'lr', 'dropout', 'hidden_dim', 'n_hidden_layers', 'debug'; "
            + "rename the component or set @Axis(tla = ...)."),
        problems.stream().map(Problem::line).toList());
  }

  @Test
  void expressionAndNullDefaultsAreNotTypeChecked() {
    List<TemplateParam> template = List.of(
        new TemplateParam("a", true, DefaultKind.EXPRESSION, null),
        new TemplateParam("b", true, DefaultKind.NULL, "null"),
        new TemplateParam("c", true, DefaultKind.STRING, "\"x\""));
    assertEquals(List.of("TlaTypeMismatch"), TemplateCheck.check(List.of(
        new ParamDecl("a", "a", Param.Kind.BOOLEAN, "boolean"),
        new ParamDecl("b", "b", Param.Kind.DOUBLE, "double"),
        new ParamDecl("c", "c", Param.Kind.LONG, "long")), template, "t.jsonnet", "P").stream()
        .map(Problem::code).toList());
  }

  @Test
  void sweepChecksTheJarsTemplateBeforeWritingAnythingWithTheProcessorsWords() throws Exception {
    Path out = tmp.resolve("runs");
    Run r = cli("sweep", "renamed", "--out", out.toString(), "--jar",
        TestSweeps.dummyJar(tmp.resolve("jars"), "v1").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(RENAMED, r.err().lines().toList());
    assertEquals("", r.out());
    assertFalse(Files.exists(out), "nothing written");

    Run dry = cli("sweep", "renamed", "--dry-run");
    assertEquals(2, dry.code());
    assertEquals(RENAMED, dry.err().lines().toList());
  }

  @Test
  void showRunsTheSameCheck() {
    Run r = cli("show", "renamed");
    assertEquals(2, r.code(), r.err());
    assertEquals(RENAMED, r.err().lines().toList());
  }

  @Test
  void aMatchingTemplatePasses() {
    Run r = cli("sweep", "fine", "--dry-run");
    assertEquals(0, r.code(), r.err());
  }

  private record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    List<SweepSpec<?>> specs = List.of(
        SweepSpec.builder("renamed", TestParams.class, new TestParamsGrid()).template("check/renamed_model.jsonnet")
            .build(),
        TestSweeps.builder("fine").build());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HyperCli.run(args, specs, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }
}
