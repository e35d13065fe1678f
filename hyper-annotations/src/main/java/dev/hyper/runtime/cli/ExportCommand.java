package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.JobsScript;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {
    "Copy one experiment into a new output directory DEST with exactly the snapshot it needs (its TOML, JSON,"
        + " model.jar and the class-path entries in the store), so it can be sent elsewhere and run there with"
        + " one command: bash DEST/SWEEP-jobs.sh, or the java command it prints.",
    "EXPERIMENT is the experiment's TOML, or its ID or ID/TRIAL under --out. The experiment's snapshot is"
        + " verified first; DEST must not exist, and is written whole or not at all.",
    "Exit 0 exported, 1 a write failed, 2 bad input (no such experiment, DEST exists, the snapshot changed)."})
final class ExportCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment's TOML, or ID[/TRIAL] under --out.")
  String experiment;

  @Parameters(index = "1", paramLabel = "DEST", description = "The new output directory (must not exist).")
  Path dest;

  @Mixin OutOption output;

  private final CliContext ctx;

  ExportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    Path toml = ExperimentArgument.toml("export", experiment, output.root());
    ExperimentInfo info = ExperimentConfig.load(toml, ctx.find(ExperimentConfig.sweepName(toml))).experiment();
    List<String> problems = ExperimentChecks.storedProgram(info, Sha256::of);
    if (!problems.isEmpty()) {
      throw new HyperException("refusing to export " + toml + ": " + String.join("; ", problems));
    }
    Path target = dest.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new HyperException("export: " + target + " exists already; name a new directory");
    }
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new HyperException("export: " + parent + " is not a directory");
    }
    Path temp = parent.resolve("." + target.getFileName() + ".export.tmp");
    AtomicFiles.deleteTree(temp);
    try {
      copy(info, temp);
      AtomicFiles.move(temp, target);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    ExperimentInfo there = info.withRoot(target);
    ctx.out.println("exported " + info.sweep() + " " + info.id() + "/" + info.trial() + " to " + target);
    ctx.out.println("run it there with: bash " + ShellQuote.word(target.resolve(Layout.jobsScript(info.sweep()))
        .toString()) + "   (or: cd " + ShellQuote.word(target.toString()) + " && "
        + String.join(" ", LaunchCommand.of(there).argv("java", List.of()).stream().map(ShellQuote::word).toList())
        + ")");
    return HyperCli.OK;
  }

  /** The experiment's config files, its snapshot entries, an empty serialization directory and a jobs script. */
  private static void copy(ExperimentInfo info, Path to) throws IOException, HyperException {
    Path from = info.root();
    Path confDir = to.resolve(info.confDir());
    Files.createDirectories(confDir);
    Files.createDirectories(to.resolve(info.serializationDir()));
    Files.copy(from.resolve(info.confPath()), to.resolve(info.confPath()));
    Files.copy(from.resolve(info.configJson()), to.resolve(info.configJson()));
    Path jar = from.resolve(info.confDir()).resolve(info.snapshot().file());
    Path store = to.resolve(Layout.snapshotDir());
    Files.createDirectories(store);
    List<dev.hyper.runtime.snapshot.StoredEntry> entries = dev.hyper.runtime.snapshot.LauncherJar.entries(jar);
    for (var e : entries) {                       // entries with the same content are one stored file
      if (!Files.exists(store.resolve(e.fileName()))) {
        Files.copy(from.resolve(info.confDir()).resolve(Layout.storeFromConfDir()).resolve(e.fileName()).normalize(),
            store.resolve(e.fileName()));
      }
    }
    Path stored = store.resolve(info.snapshot().sha256() + ".jar");
    Files.copy(jar, stored);
    dev.hyper.runtime.snapshot.SnapshotStore.link(stored, confDir.resolve(info.snapshot().file()));
    String script = JobsScript.render(info.sweep(), List.of(info.withRoot(to)), false);
    AtomicFiles.write(to.resolve(Layout.jobsScript(info.sweep())), script.getBytes(StandardCharsets.UTF_8),
        AtomicFiles.EXECUTABLE);
  }
}
