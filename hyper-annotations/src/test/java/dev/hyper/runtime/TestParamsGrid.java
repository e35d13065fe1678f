package dev.hyper.runtime;

import java.util.List;

/** What the processor would generate for {@link TestParams}, written by hand: 2 x 3 x 2 = 12 points. */
public final class TestParamsGrid extends Grid<TestParams> {
  public static final String TRICKY = "it's $(id) `x` \"q\"";

  public TestParamsGrid() {
    this(new double[] {0.001, 1.0E-4}, new String[] {"plain", TRICKY, "ünï 日本"});
  }

  public TestParamsGrid(double[] lrs, String[] notes) {
    super(List.of(
            Param.doubles("lr", "lr", TestParams::lr, lrs),
            Param.strings("note", "note", TestParams::note, notes),
            Param.enums("mode", "mode", TestParams.Mode.class, TestParams::mode, TestParams.Mode.values())),
        v -> new TestParams(v.getDouble(0), v.getString(1), v.getEnum(2, TestParams.Mode.class)));
  }
}
