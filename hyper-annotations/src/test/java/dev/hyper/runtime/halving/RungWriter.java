package dev.hyper.runtime.halving;

import dev.hyper.Goal;
import dev.hyper.runtime.HalvingSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child JVM for {@link RungFilesRaceTest}: {@code ROOT PREFIX COUNT} runs experiments {@code PREFIX0 ...}
 * to rung 0 of sweep {@code race} (value: the experiment's number), or forever when COUNT is 0; prints how
 * many records it created itself. With a fourth argument GATE it first creates {@code GATE.PID} and waits until
 * the file {@code GATE} exists, so that the test can start several writers at the same moment.
 */
public final class RungWriter {
  static final HalvingSettings SETTINGS = new HalvingSettings("v", Goal.MAX, "step", 1, 9, 3);

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String prefix = args[1];
    long count = Long.parseLong(args[2]);
    if (args.length > 3) {
      Path gate = Path.of(args[3]);
      java.nio.file.Files.createFile(Path.of(args[3] + "." + ProcessHandle.current().pid()));
      while (!java.nio.file.Files.exists(gate)) {
        Thread.sleep(1);
      }
    }
    RungFiles files = new RungFiles(root, "race");
    int created = 0;
    for (long i = 0; count == 0 || i < count; i++) {
      String id = prefix + i;
      HalvingRun run = HalvingRun.open(SETTINGS, root, "race", id, 0);
      boolean had = files.record(0, id, 0).isPresent();
      run.logged(1, Map.of("v", (double) i));
      if (!had && files.record(0, id, 0).orElseThrow().pid() == ProcessHandle.current().pid()) {
        created++;
      }
    }
    System.out.println(created);
  }
}
