package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.sweepfile.Overrides;
import dev.hyper.runtime.sweepfile.SweepFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's own rnn.toml, as published, against the typed record. */
class SeedSweepFileTest {
  @Test
  void theSeedsRnnTomlGivesTheAnnotatedSeventyTwoPoints() throws Exception {
    Path toml = Path.of(getClass().getClassLoader().getResource("rnn.toml").toURI());
    SweepSpec<RnnParams> annotated = RnnParamsLauncher.SPEC;
    SweepSpec<RnnParams> fromFile = Overrides.apply(annotated, List.of(SweepFile.read(toml, annotated)));

    assertEquals(72, fromFile.grid().size());
    assertEquals(annotated.grid().stream().toList(), fromFile.grid().stream().toList(), "same points, same order");
    assertEquals(annotated.trials(), fromFile.trials());
    assertEquals(annotated.slurm(), fromFile.slurm());
  }
}
