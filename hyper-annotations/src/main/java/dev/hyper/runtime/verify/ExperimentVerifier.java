package dev.hyper.runtime.verify;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.Templates;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one experiment at a time for {@code verify}: its stored program ({@link ExperimentChecks#storedProgram}),
 * its id, seed and JSON config against the template its snapshot holds ({@link ExperimentChecks#config}), and
 * its {@code metrics.json} against its {@code DONE} marker. What it learns once per stored file or snapshot
 * (hashes, launcher entries, the snapshot's template) it keeps. Not thread-safe (a template is not): one per
 * thread.
 */
public final class ExperimentVerifier implements AutoCloseable {
  /** Finds the sweep an experiment's TOML names among the jar's sweeps. */
  @FunctionalInterface
  public interface Sweeps {
    SweepSpec<?> find(String name) throws HyperException;
  }

  private final Sweeps sweeps;
  private final StoredFiles stored = new StoredFiles();
  private final Map<String, Optional<JsonnetTemplate>> templateBySnapshot = new HashMap<>();
  private final List<URLClassLoader> loaders = new ArrayList<>();

  public ExperimentVerifier(Sweeps sweeps) {
    this.sweeps = sweeps;
  }

  /**
   * What a check found: the problems, one short sentence each (empty if none), and the experiment as its TOML
   * describes it (null if the TOML could not be read).
   */
  public record Checked(List<String> problems, ExperimentInfo info) {}

  /** The ids of the points of a sweep under {@code root} that had a serialization directory when a verify began. */
  public record Started(Path root, java.util.Set<String> ids) {}

  /** What differs for the experiment whose TOML is {@code toml}, one short sentence each; empty if nothing. */
  public List<String> check(Path toml) throws IOException {
    return examine(toml).problems();
  }

  /** {@link #check}, with the experiment the TOML describes. */
  public Checked examine(Path toml) throws IOException {
    SweepSpec<?> spec;
    try {
      spec = sweeps.find(ExperimentConfig.sweepName(toml));
    } catch (HyperException | IOException e) {
      return new Checked(List.of(e.getMessage()), null);
    }
    return examine(toml, spec);
  }

  /**
   * {@link #examine(Path)} of an experiment of sweep {@code spec}, whose TOML is not read for its sweep's name first
   * (one that names another sweep is a problem).
   */
  public <P extends Record> Checked examine(Path toml, SweepSpec<P> spec) throws IOException {
    return examine(toml, spec, null);
  }

  /**
   * {@link #examine(Path, SweepSpec)}, where {@code started} are the experiment ids of the points that had a
   * serialization directory under their TOML's root when this verify began (null: not known): an experiment whose
   * TOML names its point's standard serialization directory and whose point is not among them has no {@code DONE}
   * to look for.
   */
  public <P extends Record> Checked examine(Path toml, SweepSpec<P> spec, Started started) throws IOException {
    ExperimentConfig<P> config;
    try {
      config = ExperimentConfig.load(toml, spec);
    } catch (IOException e) {
      return new Checked(List.of(e.getMessage()), null);
    }
    ExperimentInfo info = config.experiment();
    boolean mayHaveRun = started == null || !started.root().equals(info.root()) || started.ids().contains(info.id())
        || !info.serializationDir().equals(Layout.serializationDir(spec.name(), info.id(), info.trial()));
    return new Checked(problems(spec, config, info, mayHaveRun), info);
  }

  private <P extends Record> List<String> problems(SweepSpec<P> spec, ExperimentConfig<P> config, ExperimentInfo info,
      boolean mayHaveRun) throws IOException {
    List<String> problems = new ArrayList<>(readOrSay("model.jar or its class-path entries",
        () -> ExperimentChecks.storedProgram(info, stored)));
    boolean snapshotOk = problems.isEmpty();
    JsonnetTemplate template;
    try {
      template = snapshotOk ? snapshotTemplate(spec, info) : Templates.load(spec).orElse(null);
    } catch (HyperException e) {
      problems.add(e.getMessage());
      return problems;
    }
    problems.addAll(readOrSay(info.configJson().getFileName().toString(),
        () -> ExperimentChecks.config(spec, config, template)));
    if (mayHaveRun) {
      problems.addAll(readOrSay(dev.hyper.runtime.run.ExperimentRun.METRICS_FILE,
          () -> ExperimentChecks.metrics(info.resolve(info.serializationDir()))));
    }
    return problems;
  }

  /** A check that reads files. */
  @FunctionalInterface
  private interface Reading {
    List<String> problems() throws IOException;
  }

  /**
   * The problems {@code check} finds, or that it cannot read {@code what} (an I/O error, a stale handle of a shared
   * file system): that experiment differs, and the others are still checked.
   */
  private static List<String> readOrSay(String what, Reading check) {
    try {
      return check.problems();
    } catch (IOException e) {
      return List.of("cannot read " + what + ": " + dev.hyper.runtime.io.IoProblems.describe(e));
    }
  }

  /** The sweep's template as the snapshot has it, read from the snapshot jar (once per snapshot). */
  private JsonnetTemplate snapshotTemplate(SweepSpec<?> spec, ExperimentInfo info) throws HyperException {
    if (spec.template().isEmpty()) {
      return null;
    }
    Path jar = info.resolve(info.confDir()).resolve(info.snapshot().file());
    Optional<JsonnetTemplate> cached = templateBySnapshot.get(info.snapshot().sha256());
    if (cached == null) {
      try {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        loaders.add(loader);
        cached = Optional.of(JsonnetTemplate.fromResource(loader, spec.template().get()));
      } catch (IOException e) {
        throw new HyperException("cannot read " + jar + ": " + e.getMessage());
      } catch (JsonnetException e) {
        throw new HyperException("the snapshot's template " + e.oneLine());
      }
      templateBySnapshot.put(info.snapshot().sha256(), cached);
    }
    return cached.orElse(null);
  }

  @Override
  public void close() throws IOException {
    for (URLClassLoader l : loaders) {
      l.close();
    }
    loaders.clear();
  }
}
