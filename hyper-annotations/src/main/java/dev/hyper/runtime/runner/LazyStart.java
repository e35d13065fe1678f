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
    ManifestFile manifest = ManifestFile.read(root, sweep).filter(ManifestFile::anyLazy).orElseThrow(() -> none);
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
