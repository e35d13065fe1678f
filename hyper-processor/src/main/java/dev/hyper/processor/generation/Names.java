package dev.hyper.processor.generation;

import com.palantir.javapoet.ClassName;

/**
 * The names of the classes generated for a record: siblings in its package, nested names joined
 * with '_' ({@code Outer.P} gives {@code Outer_PGrid}).
 */
public record Names(ClassName record, ClassName grid, ClassName config, ClassName launcher) {
  /** The type every launcher implements, and the service file that lists them. */
  public static final ClassName PROVIDER = ClassName.get("dev.hyper.runtime", "SweepSpec", "Provider");

  public static final String SERVICE_FILE = "META-INF/services/dev.hyper.runtime.SweepSpec$Provider";

  public static Names of(ClassName record) {
    String base = String.join("_", record.simpleNames());
    String pkg = record.packageName();
    return new Names(
        record,
        ClassName.get(pkg, base + "Grid"),
        ClassName.get(pkg, base + "Config"),
        ClassName.get(pkg, base + "Launcher"));
  }
}
