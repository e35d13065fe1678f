package dev.hyper.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * In-memory stand-ins for the runtime types the generated Config names ({@code ExperimentConfig},
 * {@code ExperimentInfo}, {@code Tla}) while they are not yet in hyper-annotations: compile-testing
 * hands out generated files only from a successful compilation. Added to a compilation only when the
 * real class is absent, so they retire themselves when the runtime lands.
 */
final class RuntimeStubs {
  private RuntimeStubs() {}

  static boolean needed() {
    try {
      Class.forName("dev.hyper.runtime.Tla");
      return false;
    } catch (ClassNotFoundException e) {
      return true;
    }
  }

  /** {@code sources} plus the stubs when needed. */
  static JavaFileObject[] with(JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>(Arrays.asList(sources));
    if (needed()) {
      all.add(JavaFileObjects.forSourceString("dev.hyper.runtime.ExperimentInfo", """
          package dev.hyper.runtime;
          public record ExperimentInfo(String id, int trial) {}
          """));
      all.add(JavaFileObjects.forSourceString("dev.hyper.runtime.ExperimentConfig", """
          package dev.hyper.runtime;
          public record ExperimentConfig<P extends Record>(ExperimentInfo experiment, P params) {
            public static <P extends Record> ExperimentConfig<P> load(java.nio.file.Path toml, SweepSpec<P> spec)
                throws java.io.IOException {
              throw new UnsupportedOperationException("stub");
            }
            public String toToml(SweepSpec<P> spec) {
              throw new UnsupportedOperationException("stub");
            }
          }
          """));
      all.add(JavaFileObjects.forSourceString("dev.hyper.runtime.Tla", """
          package dev.hyper.runtime;
          public record Tla(String name, Object value) {
            public static <P extends Record> java.util.List<Tla> of(SweepSpec<P> spec, P params) {
              throw new UnsupportedOperationException("stub");
            }
          }
          """));
    }
    return all.toArray(JavaFileObject[]::new);
  }
}
