package dev.hyper.runtime.store;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepManifest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a sweep may extend the manifest in its output directory: only if the manifest has the same schema
 * (record and template; a version 1 manifest's schema also held the trials count it was written with).
 */
final class ManifestSchema {
  private ManifestSchema() {}

  /**
   * The manifest the sweep extends: the one in {@code out}, or null if there is none, or if its schema
   * differs and {@code force} says to start a new one.
   *
   * @param declared draws the rows of a manifest that draws them from its plan: the program's own sweep of that
   *     name (the sweep before its overrides)
   * @throws HyperException if its schema differs and {@code force} is not given, or it cannot be read
   */
  static ManifestFile check(SweepSpec<?> spec, SweepSpec<?> declared, Path out, SweepManifest manifest,
      boolean force) throws HyperException, IOException {
    ManifestFile old = ManifestFile.read(out, spec.name()).orElse(null);
    if (old == null) {
      return null;
    }
    String expected = old.version() == 1 ? manifest.schemaV1(old.trialsV1()) : manifest.schema();
    if (old.schema() != null && old.schema().equals(expected)) {
      return old.drawnBy(declared);
    }
    if (force) {
      return null;
    }
    throw new HyperException("sweep '" + spec.name() + "': " + old.path() + " was written by another version of"
        + " the sweep (schema " + old.schema() + ": " + old.schemaText() + "); now schema " + manifest.schema() + ": "
        + manifest.schemaText() + ". Write to another --out directory, or pass --force to replace its experiments"
        + " and start a new manifest");
  }
}
