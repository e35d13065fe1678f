package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.store.Sha256;
import dev.hyper.runtime.text.Printable;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = {
    "Check that experiments are still what they were made as: each one's model.jar is the snapshot its TOML"
        + " records (snapshot.sha256) and every class-path entry it names is in the store unchanged, its id and seed are those of its params, its JSON config is what the"
        + " snapshot's own template renders from its params, and, once DONE, its metrics.json is the one the run"
        + " left (the SHA-256 in DONE).",
    "TARGET is an experiment's TOML, a directory (every experiment TOML beneath it: one experiment, a sweep's"
        + " config/generated/SWEEP, or a whole output directory), or a sweep's name (its experiments under --out). With --out, TARGET is a sweep's name; without, a"
        + " path that exists wins over a sweep of the same name.",
    "Prints what differs, one line per experiment, then a summary. Exit 0 all ok, 1 something differs, 2 bad"
        + " input."})
final class VerifyCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "TARGET", description = "An experiment TOML, a directory, or a sweep name.")
  String target;

  @Mixin OutOption output;

  @Option(names = {"-v", "--verbose"}, description = "Also list the experiments that are ok.")
  boolean verbose;

  private final CliContext ctx;
  private final Map<Object, String> shaByFile = new HashMap<>();
  private final Map<String, Optional<JsonnetTemplate>> templateBySnapshot = new HashMap<>();
  private final List<URLClassLoader> loaders = new ArrayList<>();
  /** The TOMLs that the sweep's manifest lists but that are gone (a sweep name as TARGET only). */
  private final List<Path> missing = new ArrayList<>();

  VerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    List<Path> tomls = tomls();
    int differ = 0;
    for (Path gone : missing) {
      ctx.out.println(Printable.escape("MISSING  " + gone + ": " + gone.getFileName() + " is gone ("
          + target + "-manifest.tsv lists it)"));
    }
    try {
      for (Path toml : tomls) {
        List<String> problems = check(toml);
        if (!problems.isEmpty()) {
          differ++;
          ctx.out.println(Printable.escape("DIFFERS  " + toml + ": " + String.join("; ", problems)));
        } else if (verbose) {
          ctx.out.println(Printable.escape("ok       " + toml));
        }
      }
    } finally {
      for (URLClassLoader l : loaders) {
        l.close();
      }
    }
    int all = tomls.size() + missing.size();
    String n = all + (all == 1 ? " experiment" : " experiments");
    ctx.out.println("verify: " + n + ", " + (tomls.size() - differ) + " ok"
        + (differ == 0 ? "" : ", " + differ + " differ" + (differ == 1 ? "s" : ""))
        + (missing.isEmpty() ? "" : ", " + missing.size() + " missing"));
    return differ == 0 && missing.isEmpty() ? HyperCli.OK : HyperCli.FAILED;
  }

  /**
   * TARGET as a sweep name when the jar declares such a sweep and either {@code --out} is given or no such
   * path exists; as a path otherwise. So {@code verify SWEEP --out DIR} checks DIR's experiments even when
   * the working directory holds a {@code SWEEP} of its own.
   */
  private List<Path> tomls() throws HyperException, IOException {
    Path path = Path.of(target);
    boolean isSweep = ctx.specs.stream().anyMatch(s -> s.name().equals(target));
    if (isSweep && (output.out != null || !Files.exists(path))) {
      return ofSweep();
    }
    if (output.out != null) {
      throw new HyperException("verify: --out " + output.out + " goes with a sweep name, but '" + target
          + "' is no sweep of this jar; give the path alone");
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (Files.isDirectory(path)) {
      List<Path> found = ExperimentFiles.under(path);
      if (found.isEmpty()) {
        throw new HyperException("no experiment TOML files (config/generated/SWEEP/ID/TRIAL/ID.toml) under " + path);
      }
      return found;
    }
    throw new HyperException("no such file or directory, and no sweep named '" + target + "': " + target);
  }

  private List<Path> ofSweep() throws HyperException, IOException {
    Path root = output.root();
    List<Path> found = ExperimentFiles.ofSweep(root, target);
    for (Task t : SweepTasks.of(root, target)) {
      if (t.tomlMissing()) {
        missing.add(root.resolve(t.confPath()));
      }
    }
    if (found.isEmpty() && missing.isEmpty()) {
      throw new HyperException("sweep '" + target + "' has no experiments under " + root + " (run sweep first, or"
          + " pass --out)");
    }
    return found;
  }

  private List<String> check(Path toml) throws IOException {
    SweepSpec<?> spec;
    try {
      spec = ctx.find(ExperimentConfig.sweepName(toml));
    } catch (HyperException | IOException e) {
      return List.of(e.getMessage());
    }
    return check(toml, spec);
  }

  private <P extends Record> List<String> check(Path toml, SweepSpec<P> spec) throws IOException {
    ExperimentConfig<P> config;
    try {
      config = ExperimentConfig.load(toml, spec);
    } catch (IOException e) {
      return List.of(e.getMessage());
    }
    ExperimentInfo info = config.experiment();
    List<String> problems = new ArrayList<>();
    List<String> snap = ExperimentChecks.storedProgram(info, this::sha);
    boolean snapshotOk = snap.isEmpty();
    problems.addAll(snap);
    JsonnetTemplate template;
    try {
      template = snapshotOk ? snapshotTemplate(spec, info) : Templates.load(spec).orElse(null);
    } catch (HyperException e) {
      problems.add(e.getMessage());
      return problems;
    }
    problems.addAll(ExperimentChecks.config(spec, config, template));
    problems.addAll(metrics(info));
    return problems;
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

  private List<String> metrics(ExperimentInfo info) throws IOException {
    return ExperimentChecks.metrics(info.resolve(info.serializationDir()));
  }

  /** SHA-256 of a file, hashed once per file (experiments' snapshots are hard links to one stored jar). */
  private String sha(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = a.fileKey() != null ? List.of(a.fileKey(), a.size(), a.lastModifiedTime())
        : file.toAbsolutePath().normalize();
    String sha = shaByFile.get(key);
    if (sha == null) {
      sha = Sha256.of(file);
      shaByFile.put(key, sha);
    }
    return sha;
  }
}
