package dev.hyper.runtime.halving;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.StepLog;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.ManifestRow;
import dev.hyper.runtime.error.HyperException;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What successive halving did in a sweep, for {@code status} and {@code results}: per rung how many runs
 * recorded a value there, how many went on and were stopped, and the cut-off a run arriving now would have
 * to reach; and the compute spent (the resource each experiment's step log reached, summed) against the
 * budget of training every experiment to {@code max}.
 *
 * @param settings the halving, from the experiments' TOML ({@code [halving]}, after overrides)
 * @param rungs one row per rung
 * @param experiments the experiments on disk
 * @param spent the resource their step logs reached, summed
 */
public record RungSummary(HalvingSettings settings, List<Rung> rungs, int experiments, double spent) {
  /**
   * One rung.
   *
   * @param k the rung
   * @param resource its resource
   * @param recorded how many runs recorded a value there
   * @param wentOn how many decided to go on
   * @param stopped how many were stopped
   * @param cutoff the value a run arriving now would have to reach (NaN when none recorded)
   */
  public record Rung(int k, long resource, int recorded, int wentOn, int stopped, double cutoff) {}

  /** The summary of sweep {@code sweep} under {@code root}; empty when its experiments have no {@code [halving]}. */
  public static Optional<RungSummary> of(Path root, String sweep) throws IOException {
    if (!halvingInFirstRow(root, sweep)) {
      return Optional.empty();
    }
    List<Path> tomls = ExperimentFiles.ofSweep(root, sweep);
    HalvingSettings settings = null;
    for (Path toml : tomls) {
      settings = ExperimentConfig.halving(toml).orElse(null);
      break;                                           // every experiment of a sweep has the same [halving]
    }
    if (settings == null) {
      return Optional.empty();
    }
    RungFiles files = new RungFiles(root, sweep);
    List<Rung> rungs = new ArrayList<>();
    List<Long> resources = settings.rungs();
    for (int k = 0; k < resources.size(); k++) {
      List<RungRecord> records = files.records(k);
      int on = 0;
      int off = 0;
      for (Decision d : files.decisions(k)) {
        if (d.goOn()) {
          on++;
        } else {
          off++;
        }
      }
      double cutoff = Cutoff.of(settings, records.stream().mapToDouble(RungRecord::value).toArray());
      rungs.add(new Rung(k, resources.get(k), records.size(), on, off, cutoff));
    }
    double spent = 0;
    for (Path toml : tomls) {
      Path trialDir = toml.getParent();
      String id = trialDir.getParent().getFileName().toString();
      int trial = Integer.parseInt(trialDir.getFileName().toString());
      spent += used(settings, StepLog.read(root.resolve(Layout.serializationDir(sweep, id, trial))));
    }
    return Optional.of(new RungSummary(settings, rungs, tomls.size(), spent));
  }

  /** The most resource a step log reached. */
  static double used(HalvingSettings settings, StepLog.Read log) {
    double most = 0;
    for (StepLog.Step s : log.steps()) {
      Object v = settings.resource().equals(HalvingSettings.STEP) ? (Object) s.step() : s.metrics().get(settings.resource());
      if (v instanceof Number n) {
        most = Math.max(most, n.doubleValue());
      }
    }
    return most;
  }

  /** The budget of training every experiment to {@code max}. */
  public double budget() {
    return (double) experiments * settings.max();
  }

  /** The summary as text, one line each. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    String by = settings.resource();
    out.add("successive halving: " + settings.metric() + " (" + settings.goal().name().toLowerCase(Locale.ROOT)
        + ") by " + by + ", rungs " + settings.rungs().toString().replaceAll("[\\[\\]]", "") + " below "
        + settings.max() + ", reduction " + settings.reduction() + " (Ray Tune's asynchronous rule)");
    for (Rung r : rungs) {
      out.add(String.format(Locale.ROOT, "  rung %d (%s %d): %d recorded, %d went on, %d stopped; %s", r.k(), by,
          r.resource(), r.recorded(), r.wentOn(), r.stopped(), Double.isNaN(r.cutoff()) ? "no cut-off yet"
          : "cut-off now " + (settings.goal() == dev.hyper.Goal.MAX ? ">= " : "<= ") + number(r.cutoff())));
    }
    out.add(String.format(Locale.ROOT, "  compute: %s of %s (%.1f%%) in %s, summed over %d experiment%s, against all"
        + " trained to %d", number(spent), number(budget()), budget() == 0 ? 0 : 100 * spent / budget(), by,
        experiments, experiments == 1 ? "" : "s", settings.max()));
    return out;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
  /**
   * False when the manifest's first experiment has no {@code [halving]}: every experiment of a sweep has the same,
   * so the others need not be listed (a sweep of millions without halving would hold them all). True when it has,
   * or when that cannot be told from the first row alone (no manifest, an old one, or not made yet).
   */
  private static boolean halvingInFirstRow(Path root, String sweep) {
    try {
      Optional<ManifestFile> manifest = ManifestFile.read(root, sweep);
      if (manifest.isPresent() && manifest.get().drawn()) {   // rows not listed: row 0's TOML is the prototype
        return ExperimentConfig.halving(root.resolve(manifest.get().lazyDir(0)).resolve(Layout.PROTOTYPE_FILE))
            .isPresent();
      }
      Optional<ManifestRow> first = manifest.isEmpty() ? Optional.empty() : manifest.get().rowAt(0);
      Path toml = first.map(r -> root.resolve(r.confPath())).orElse(null);
      return toml == null || !Files.isRegularFile(toml) || ExperimentConfig.halving(toml).isPresent();
    } catch (IOException | HyperException | RuntimeException e) {
      return true;                                     // the listing says what is wrong, as it always did
    }
  }
}
