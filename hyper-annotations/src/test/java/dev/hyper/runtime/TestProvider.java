package dev.hyper.runtime;

/**
 * What a generated launcher would register: sweep {@code toy} over 1 x 2 x 2 points x 1 trial, with
 * the test template, trained by {@link TestTrainer}. Small, because every experiment is a JVM in tests.
 */
public final class TestProvider implements SweepSpec.Provider {
  @Override
  public SweepSpec<?> spec() {
    return SweepSpec.builder("toy", TestParams.class,
            new TestParamsGrid(new double[] {0.001}, new String[] {TestParamsGrid.TRICKY, "plain"}))
        .template("jsonnet/test_model.jsonnet").trainer(TestTrainer::new).build();
  }
}
