package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlaTest {
  @Test
  void codesAreCanonicalJsonnetLiterals() {
    assertEquals("0.001", new Tla("lr", 0.001, Param.Kind.DOUBLE).code());
    assertEquals("1.0E-4", new Tla("lr", 1.0E-4, Param.Kind.DOUBLE).code());
    assertEquals("300.0", new Tla("x", 300.0, Param.Kind.DOUBLE).code());
    assertEquals("300", new Tla("hidden_dim", 300, Param.Kind.INT).code());
    assertEquals("-9007199254740993", new Tla("big", -9007199254740993L, Param.Kind.LONG).code());
    assertEquals("false", new Tla("debug", false, Param.Kind.BOOLEAN).code());
    assertEquals("\"it's \\\"q\\\" $(id) \\\\ 日本\"", new Tla("s", "it's \"q\" $(id) \\ 日本", Param.Kind.STRING).code());
    assertEquals("\"SLOW\"", new Tla("mode", TestParams.Mode.SLOW, Param.Kind.ENUM).code());
  }

  @Test
  void cliArgumentsUseTlaStrForStringsAndTlaCodeOtherwise() {
    assertEquals("--tla-str note=it's", new Tla("note", "it's", Param.Kind.STRING).cliArgument());
    assertEquals("--tla-str mode=FAST", new Tla("mode", TestParams.Mode.FAST, Param.Kind.ENUM).cliArgument());
    assertEquals("--tla-code lr=1.0E-4", new Tla("lr", 1.0E-4, Param.Kind.DOUBLE).cliArgument());
    assertEquals("--tla-code debug=true", new Tla("debug", true, Param.Kind.BOOLEAN).cliArgument());
  }

  @Test
  void ofListsEveryParameterInComponentOrder() {
    SweepSpec<TestParams> spec = SweepSpec.builder("t", TestParams.class, new TestParamsGrid()).build();
    List<Tla> tlas = Tla.of(spec, new TestParams(1.0E-4, "n", TestParams.Mode.SLOW));
    assertEquals(List.of(
        new Tla("lr", 1.0E-4, Param.Kind.DOUBLE),
        new Tla("note", "n", Param.Kind.STRING),
        new Tla("mode", TestParams.Mode.SLOW, Param.Kind.ENUM)), tlas);
    assertEquals(List.of("lr", "note", "mode"), List.copyOf(Tla.asMap(tlas).keySet()));
    assertEquals(Map.of("lr", 1.0E-4, "note", "n", "mode", TestParams.Mode.SLOW), Tla.asMap(tlas));
  }

  @Test
  void valueMustMatchItsKind() {
    assertThrows(IllegalArgumentException.class, () -> new Tla("lr", 1, Param.Kind.DOUBLE));
    assertThrows(IllegalArgumentException.class, () -> new Tla("mode", "FAST", Param.Kind.ENUM));
  }
}
