package dev.hyper.runtime.render;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import java.util.Optional;

/** Loads a sweep's jsonnet template from the classpath of its record. */
public final class Templates {
  private Templates() {}

  /**
   * The sweep's template, parsed, or empty if the sweep has none.
   *
   * @throws HyperException with the jsonnet error's {@code file:line:col} if it does not load
   */
  public static Optional<JsonnetTemplate> load(SweepSpec<?> spec) throws HyperException {
    if (spec.template().isEmpty()) {
      return Optional.empty();
    }
    ClassLoader loader = spec.type().getClassLoader();
    try {
      return Optional.of(JsonnetTemplate.fromResource(
          loader != null ? loader : ClassLoader.getSystemClassLoader(), spec.template().get()));
    } catch (JsonnetException e) {
      throw new HyperException("sweep '" + spec.name() + "': template " + e.oneLine(), e);
    }
  }

  /**
   * The SHA-256 of the template's source text (not of the files it imports), or empty if the sweep has
   * no template or it cannot be read. Reads no jsonnet, so it loads no interpreter.
   */
  public static Optional<String> sourceSha256(SweepSpec<?> spec) {
    if (spec.template().isEmpty()) {
      return Optional.empty();
    }
    ClassLoader loader = spec.type().getClassLoader();
    String name = spec.template().get().startsWith("/") ? spec.template().get().substring(1) : spec.template().get();
    try (java.io.InputStream in = (loader != null ? loader : ClassLoader.getSystemClassLoader())
        .getResourceAsStream(name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(dev.hyper.runtime.io.Sha256.of(in.readAllBytes()));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
