package dev.hyper.runtime;

/**
 * Sweep {@code big}: 500 x 2 x 2 = 2,000 points with the test template, for the crash test (a child JVM
 * writing it is killed at random moments). Registered in the test model jar only.
 */
public final class TestBigProvider implements SweepSpec.Provider {
  @Override
  public SweepSpec<?> spec() {
    return sweep();
  }

  /** The sweep, for the test's reference run. */
  public static SweepSpec<TestParams> sweep() {
    double[] lrs = new double[500];
    for (int i = 0; i < lrs.length; i++) {
      lrs[i] = (i + 1) * 1.0E-5;
    }
    return SweepSpec.builder("big", TestParams.class, new TestParamsGrid(lrs, new String[] {"a", "b"}))
        .template("jsonnet/test_model.jsonnet").trainer(TestTrainer::new).build();
  }
}
