package dev.hyper.runtime.runner;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.status.RunClaim;
import dev.hyper.runtime.store.LazyExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The step before a run whose TOML is not there: if a lazy sweep's manifest lists the experiment, it is
 * made now ({@link LazyExperiment}), holding its claim so that two tasks never make it at once.
 */
final class LazyStart {
  private LazyStart() {}

  /**
   * The TOML of manifest row {@code row}, a row of the lazy invocation whose directory is {@code lazyDir} ({@code run
   * LAZY_DIR --row K}, as a jobs script runs the rows a manifest draws rather than lists), relative if {@code lazyDir}
   * is.
   *
   * @throws HyperException if {@code lazyDir} is no lazy invocation's directory or its sweep has no such row
   */
  static Path tomlOfRow(Path lazyDir, ExperimentRunner.Sweeps sweeps, long row) throws HyperException, IOException {
    Path abs = lazyDir.toAbsolutePath().normalize();
    Path root = Layout.rootOfLazyDir(abs);
    if (root == null) {
      throw new HyperException("run: " + lazyDir + " is neither an experiment's TOML nor a lazy sweep's invocation"
          + " directory (config/generated/SWEEP/.lazy/N)");
    }
    if (row < 0) {
      throw new HyperException("run: " + lazyDir + " is a lazy sweep's invocation directory; name the row to run"
          + " with --row K");
    }
    String sweep = abs.getParent().getParent().getFileName().toString();
    Optional<ManifestFile> manifest = ManifestFile.read(root, sweeps.find(sweep));
    Optional<dev.hyper.runtime.manifest.ManifestRow> found = manifest.isEmpty() ? Optional.empty()
        : manifest.get().rowAt(row);
    if (found.isEmpty() || found.get().lazyDir() == null || !root.resolve(found.get().lazyDir()).normalize().equals(abs)) {
      throw new HyperException("run: sweep '" + sweep + "' has no row " + row + " made from " + lazyDir
          + (manifest.isEmpty() ? " (it has no manifest)" : ""));
    }
    Path toml = root.resolve(found.get().confPath());
    return lazyDir.isAbsolute() ? toml : Path.of("").toAbsolutePath().relativize(toml);
  }

  /**
   * Makes the experiment of {@code toml}: empty when the TOML is there now, {@link RunOutcome.Busy} when
   * another run holds the claim.
   *
   * @param row its row in the sweep's manifest, or -1 to look for it
   * @throws HyperException "no such experiment file" when no lazy sweep's manifest lists it
   */
  static Optional<RunOutcome> make(Path toml, ExperimentRunner.Sweeps sweeps, long row)
      throws HyperException, IOException {
    HyperException none = new HyperException("no such experiment file: " + toml);
    Path root = Layout.rootOf(toml);
    Path trialDir = toml.toAbsolutePath().normalize().getParent();
    if (root == null || Files.exists(trialDir)) {
      throw none;
    }
    String sweep = trialDir.getParent().getParent().getFileName().toString();
    SweepSpec<?> spec;
    try {
      spec = sweeps.find(sweep);
    } catch (HyperException unknown) {
      throw none;
    }
    ManifestFile manifest = ManifestFile.read(root, spec).filter(ManifestFile::anyLazy).orElseThrow(() -> none);
    String id = trialDir.getParent().getFileName().toString();
    int trial = Integer.parseInt(trialDir.getFileName().toString());
    Path serialization = root.resolve(Layout.serializationDir(sweep, id, trial));
    Files.createDirectories(serialization);
    try (RunClaim claim = RunClaim.claim(serialization)) {
      if (!Files.isRegularFile(toml)
          && !LazyExperiment.make(manifest, root, id, trial, spec, Templates.load(spec).orElse(null), row)) {
        throw none;
      }
      return Optional.empty();
    } catch (RunClaim.Busy busy) {
      return Optional.of(new RunOutcome.Busy(null, busy.holder()));
    }
  }
}
