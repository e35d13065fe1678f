package dev.hyper.runtime.cli;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.SweepSpec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the jar a sweep's code runs from, to snapshot it into every experiment. */
@FunctionalInterface
interface SnapshotLocator {
  Path locate(SweepSpec<?> spec) throws HyperException;

  /**
   * The jar holding the sweep's record class: its {@link CodeSource}. Classes run from a directory (an
   * IDE, {@code mvn exec}) have no jar to snapshot, which is refused.
   */
  static SnapshotLocator codeSource() {
    return spec -> {
      CodeSource source = spec.type().getProtectionDomain().getCodeSource();
      Path path = null;
      try {
        if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
          path = Path.of(source.getLocation().toURI());
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        path = null;
      }
      if (path == null || !Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
        throw new HyperException(spec.type().getName() + " is not running from a jar file ("
            + (source == null ? "unknown location" : source.getLocation()) + "), so there is no code to snapshot;"
            + " build the jar and run it with java -jar");
      }
      return path;
    };
  }
}
