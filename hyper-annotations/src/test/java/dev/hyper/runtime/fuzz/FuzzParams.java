package dev.hyper.runtime.fuzz;

import dev.hyper.runtime.Grid;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import java.util.List;

/** A record with every kind of component, for the parsers' fuzz test; its grid written by hand. */
public record FuzzParams(double lr, int hiddenDim, long steps, boolean debug, String note, Mode mode) {
  public enum Mode { FAST, SLOW }

  /** Sweep {@code fuzz}: 2 x 2 x 1 x 2 x 2 x 2 points, two trials, a SLURM qos. */
  static SweepSpec<FuzzParams> sweep() {
    Grid<FuzzParams> grid = new Grid<>(List.of(
        Param.doubles("lr", "lr", FuzzParams::lr, 0.1, 0.01),
        Param.ints("hiddenDim", "hidden_dim", FuzzParams::hiddenDim, 100, 300),
        Param.longs("steps", "steps", FuzzParams::steps, 1000L),
        Param.booleans("debug", "debug", FuzzParams::debug, true, false),
        Param.strings("note", "note", FuzzParams::note, "a", "b"),
        Param.enums("mode", "mode", Mode.class, FuzzParams::mode, Mode.values())),
        v -> new FuzzParams(v.getDouble(0), v.getInt(1), v.getLong(2), v.getBoolean(3), v.getString(4),
            v.getEnum(5, Mode.class))) {};
    return SweepSpec.builder("fuzz", FuzzParams.class, grid).trials(2).slurm(SlurmSettings.NONE.withQos("normal"))
        .build();
  }
}
