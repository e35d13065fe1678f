package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.store.SweepMaterializer;
import dev.hyper.runtime.text.Printable;
import dev.hyper.runtime.text.ProgressLine;
import dev.hyper.runtime.verify.ParallelChecks;
import dev.hyper.runtime.verify.RecordedChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        + " config/generated/SWEEP, or a whole output directory), or a sweep's name (the experiments its manifest"
        + " under --out lists, in its order; a lazy sweep's experiments that no task made yet are counted, not"
        + " checked). With --out, TARGET is a sweep's name; without, a"
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

  @Option(names = "--threads", paramLabel = "N", description = "Threads that check experiments, each with its own"
      + " copy of the template (default: the number of cores, ${DEFAULT-VALUE}). The report keeps the experiments'"
      + " order.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--full", description = "Check every experiment in full. Without it, a sweep's experiments that"
      + " the last verify of the sweep found ok, and whose files (TOML, JSON, DONE, metrics.json) are unchanged since"
      + " (the same inode, size, modification and change time), are taken as ok without being read again, once this"
      + " verify has found their model.jar (the same inode) to be their snapshot; that record is"
      + " config/generated/SWEEP/.verified.tsv, kept for the program that wrote it.")
  boolean full;

  private final CliContext ctx;
  private long ok;
  private long differ;
  private long missing;
  private long notMade;
  private long fromRecord;
  /** The progress of the check under way, on a terminal. */
  private ProgressLine progress;

  VerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    if (threads < 1 || threads > SweepMaterializer.Options.maxThreads()) {
      throw new HyperException("verify: --threads must be between 1 and " + SweepMaterializer.Options.maxThreads()
          + " (" + SweepMaterializer.Options.THREADS_PER_CORE + " per core, "
          + Runtime.getRuntime().availableProcessors() + " cores here), was " + threads);
    }
    Path path = Path.of(target);
    boolean isSweep = ctx.specs.stream().anyMatch(s -> s.name().equals(target));
    if (isSweep && (output.out != null || !Files.exists(path))) {
      checkSweep(output.root());
    } else {
      checkPaths(paths(path));
    }
    long all = ok + differ + missing + notMade;
    String n = all + (all == 1 ? " experiment" : " experiments");
    ctx.out.println("verify: " + n + ", " + ok + " ok"
        + (fromRecord == 0 ? "" : " (" + fromRecord + " of them unchanged since the last verify found them ok; --full"
            + " checks them again)")
        + (differ == 0 ? "" : ", " + differ + " differ" + (differ == 1 ? "s" : ""))
        + (missing == 0 ? "" : ", " + missing + " missing")
        + (notMade == 0 ? "" : ", " + notMade + " not made yet (lazy: each is made by its task)"));
    return differ == 0 && missing == 0 ? HyperCli.OK : HyperCli.FAILED;
  }

  /**
   * TARGET as a path: a TOML, or every experiment TOML under a directory. (TARGET is a sweep's name when the jar
   * declares such a sweep and either {@code --out} is given or no such path exists, so {@code verify SWEEP --out
   * DIR} checks DIR's experiments even when the working directory holds a {@code SWEEP} of its own.)
   */
  private List<Path> paths(Path path) throws HyperException, IOException {
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

  private void checkPaths(List<Path> tomls) throws IOException {
    try (ParallelChecks checks = new ParallelChecks(threads, ctx::find);
        ProgressLine p = progress = ProgressLine.of(ctx.err, "verify " + target, tomls.size())) {
      for (Path toml : tomls) {
        checks.check(toml, toml, this::report);
      }
      checks.finish();
    }
  }

  /** The experiments the sweep's manifest lists, one at a time: those whose TOML is gone are MISSING. */
  private void checkSweep(Path root) throws HyperException, IOException {
    String manifest = Layout.manifest(target).getFileName().toString();
    long[] row = {0};
    SweepSpec<?> spec = ctx.find(target);
    Optional<ManifestFile> listed = ManifestFile.read(root, spec);
    try (RecordedChecks checks = new RecordedChecks(root, target, threads, ctx::find, full);
        ProgressLine p = progress = ProgressLine.of(ctx.err, "verify " + target,
            listed.map(ManifestFile::experiments).orElse(-1L))) {
      SweepTasks.forEach(root, target, listed, task -> {
        Path toml = root.resolve(task.confPath());
        Path confDir = task.confDir();
        long n = row[0]++;
        String id = confDir.getParent().getFileName().toString();
        checks.check(toml, n, id, Integer.parseInt(confDir.getFileName().toString()), toml, this::report, absent -> {
          if (task.lazyDir() == null) {
            missing(toml, List.of(toml.getFileName() + " is gone (" + manifest + " lists it)"));
          } else if (checks.started(id) && Markers.status(root.resolve(task.serializationDir()))
              != ExperimentStatus.PENDING) {             // its task made it and ran it, and it is gone again
            missing(toml, List.of(task.goneAfterItsRun()));
          } else {
            notMade++;                                   // a lazy sweep's: its task makes it
            progress.step();
          }
        });
      });
      checks.finish();
      fromRecord = checks.fromRecord();
      if (checks.recordProblem() != null) {
        progress.println(ctx.err, "warning: verify: cannot keep the record of what was found ok ("
            + checks.recordProblem() + "); the next verify of '" + target + "' checks every experiment");
      }
    }
    if (ok + differ + missing + notMade == 0) {
      throw ctx.noExperiments(target, root);
    }
  }

  private void report(Path toml, List<String> problems) {
    if (!problems.isEmpty()) {
      differ++;
      progress.println(ctx.out, Printable.escape("DIFFERS  " + toml + ": " + String.join("; ", problems)));
    } else {
      ok++;
      if (verbose) {
        progress.println(ctx.out, Printable.escape("ok       " + toml));
      }
    }
    progress.step();
  }

  private void missing(Path toml, List<String> problems) {
    missing++;
    progress.println(ctx.out, Printable.escape("MISSING  " + toml + ": " + String.join("; ", problems)));
    progress.step();
  }
}
