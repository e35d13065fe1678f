package dev.hyper.runtime.halving;

import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.run.StepObserver;
import dev.hyper.runtime.status.Markers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Successive halving as one run sees it. Each step the trainer logs is looked at: when its resource reaches
 * a rung (the highest one reached, as in Ray Tune) at which the experiment has no record yet, the run records
 * its value there, reads the rung's other records, decides by {@link Cutoff} and records the decision; on
 * {@code stop}, {@link #stopRequested()} turns true. Nothing waits for another run.
 *
 * <p>A run that resumes (after {@code kill -9}, a time limit, preemption) logs again the steps after its
 * checkpoint. A rung it recorded before is not recorded again: its decision stands, or, if the run was killed
 * between the record and the decision, it is made now from the records present now. A run that finds a
 * {@code stop} among its decisions when it opens is stopped before it trains.
 */
public final class HalvingRun implements StepObserver {
  private final HalvingSettings settings;
  private final RungFiles files;
  private final String id;
  private final int trial;
  private Decision stop;

  private HalvingRun(HalvingSettings settings, RungFiles files, String id, int trial) {
    this.settings = settings;
    this.files = files;
    this.id = id;
    this.trial = trial;
  }

  /** The halving of experiment {@code id}/{@code trial} of {@code sweep} under {@code root}, with its earlier decisions. */
  public static HalvingRun open(HalvingSettings settings, Path root, String sweep, String id, int trial)
      throws IOException {
    HalvingRun run = new HalvingRun(settings, new RungFiles(root, sweep), id, trial);
    for (int k = 0; k < settings.rungs().size() && run.stop == null; k++) {
      run.files.decision(k, id, trial).filter(d -> !d.goOn()).ifPresent(d -> run.stop = d);
    }
    return run;
  }

  /** The settings. */
  public HalvingSettings settings() {
    return settings;
  }

  /** The decision that stopped this run, if one did. */
  public synchronized Optional<Decision> stopped() {
    return Optional.ofNullable(stop);
  }

  @Override
  public synchronized boolean stopRequested() {
    return stop != null;
  }

  @Override
  public synchronized void logged(long step, Map<String, ?> metrics) throws IOException {
    if (stop != null) {
      return;                                          // out of the search: nothing more is recorded
    }
    Object used = settings.resource().equals(HalvingSettings.STEP) ? (Object) step : metrics.get(settings.resource());
    if (!(used instanceof Number n)) {
      return;                                          // this line does not count the resource
    }
    int k = settings.rungAt(n.doubleValue());
    if (k < 0) {
      return;
    }
    Optional<Decision> earlier = files.decision(k, id, trial);
    if (earlier.isPresent()) {
      if (!earlier.get().goOn()) {
        stop = earlier.get();
      }
      return;
    }
    Object value = metrics.get(settings.metric());
    if (!(value instanceof Number v)) {
      throw new IllegalArgumentException("successive halving: step " + step + " reached rung " + k + " ("
          + settings.resource() + " " + n + " >= " + settings.rungs().get(k) + ") but logged no number '"
          + settings.metric() + "'; log the metric in the same call as the resource");
    }
    RungRecord own = new RungRecord(id, trial, k, settings.rungs().get(k), n.doubleValue(), step, v.doubleValue(),
        Provenance.now(), Markers.hostName(), ProcessHandle.current().pid());
    if (!files.write(own)) {
      own = files.record(k, id, trial).orElse(own);    // recorded before this run was killed: that record stands
    }
    List<RungRecord> atRung = files.records(k);
    Decision d = Cutoff.decide(settings, own, atRung, Provenance.now());
    if (!files.write(d)) {
      d = files.decision(k, id, trial).orElse(d);
    }
    if (!d.goOn()) {
      stop = d;
    }
  }
}
