package dev.hyper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class HyperGeneratorTest {

  @Test
  void rnnParams(TestInfo test) {
    Compilation c = Hyper.javacWithHyper().compile(RuntimeStubs.with(Hyper.rnnParams(), Hyper.rnnTrainer()));
    assertThat(c).succeededWithoutWarnings();
    Goldens.assertGenerated(c, test,
        "dev.hyper.example.RnnParamsGrid", "dev.hyper.example.RnnParamsConfig", "dev.hyper.example.RnnParamsLauncher");
  }
}
