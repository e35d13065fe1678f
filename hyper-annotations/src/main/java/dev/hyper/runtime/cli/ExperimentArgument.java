package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An experiment named on the command line: its TOML, its config directory, or {@code ID[/TRIAL]} under --out. */
final class ExperimentArgument {
  private ExperimentArgument() {}

  /**
   * The TOML of the experiment {@code arg} names.
   *
   * @param command the command, for messages: {@code export}
   */
  static Path toml(String command, String arg, Path root) throws HyperException, IOException {
    Path asPath = Path.of(arg);
    if (arg.endsWith(".toml")) {
      if (!Files.isRegularFile(asPath)) {
        throw new HyperException(command + ": no such experiment file: " + arg);
      }
      return asPath;
    }
    if (Files.isDirectory(asPath) && asPath.getParent() != null) {
      Path toml = asPath.resolve(asPath.toAbsolutePath().normalize().getParent().getFileName() + ".toml");
      if (Files.isRegularFile(toml) && ExperimentFiles.isExperimentToml(toml)) {
        return toml;
      }
    }
    if (!arg.matches("[0-9a-f]{12}(/[0-9]+)?")) {
      throw new HyperException(command + ": '" + arg + "' is neither an experiment's TOML nor an ID or ID/TRIAL");
    }
    String id = arg.contains("/") ? arg.substring(0, 12) : arg;
    String trial = arg.contains("/") ? arg.substring(13) : "0";
    List<Path> found = new ArrayList<>();
    for (Path t : ExperimentFiles.under(root)) {
      Path dir = t.getParent();
      if (dir.getFileName().toString().equals(trial) && dir.getParent().getFileName().toString().equals(id)) {
        found.add(t);
      }
    }
    if (found.size() != 1) {
      throw new HyperException(command + ": " + (found.isEmpty() ? "no experiment " : found.size() + " experiments ")
          + arg + " under " + root + (found.isEmpty() ? "" : ": name its TOML instead"));
    }
    return found.get(0);
  }
}
