package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An experiment the manifest lists does not vanish when its TOML is deleted: verify, status and exec name
 * it. And results marks a row whose metrics.json is not the one its run left.
 */
class ManifestListedTest extends RunToySweep {
  @Test
  void verifyOnSeveralThreadsReportsInTheManifestsOrder() throws Exception {
    List<Path> rows = new java.util.ArrayList<>();
    dev.hyper.runtime.manifest.ManifestFile.read(out, "toy").orElseThrow()
        .forEachRow(r -> rows.add(out.resolve(r.confPath())));
    assertEquals(4, rows.size());
    Files.delete(rows.get(2));
    for (int i : new int[] {0, 3}) {
      Path toml = rows.get(i);
      Path json = toml.resolveSibling(toml.getFileName().toString().replace(".toml", ".json"));
      Files.writeString(json, Files.readString(json).replace("\"lr\"", "\"lr_edited\""));
    }
    String differs = ".json is not what jsonnet/test_model.jsonnet renders from its params: line 8 is"
        + " `\"lr_edited\": ";
    CliRun one = cli("verify", "toy", "--out", out.toString(), "--threads", "1");
    List<String> lines = one.out().lines().toList();
    assertEquals(4, lines.size(), one.out());
    for (int i : new int[] {0, 3}) {
      String lr = Files.readString(rows.get(i == 0 ? 0 : 3).resolveSibling(rows.get(i).getFileName().toString()
          .replace(".toml", ".json"))).lines().filter(l -> l.contains("lr_edited")).findFirst().orElseThrow()
          .replaceAll(".*: ", "").replace(",", "");
      assertEquals("DIFFERS  " + rows.get(i) + ": " + rows.get(i).getParent().getParent().getFileName() + differs
          + lr + "`, expected `\"lr\": " + lr + "`", lines.get(i == 0 ? 0 : 2));
    }
    assertEquals("MISSING  " + rows.get(2) + ": " + rows.get(2).getFileName() + " is gone (toy-manifest.tsv lists it)",
        lines.get(1));
    assertEquals("verify: 4 experiments, 1 ok, 2 differ, 1 missing", lines.get(3));
    assertEquals(1, one.code());
    for (String threads : new String[] {"2", "3"}) {
      CliRun many = cli("verify", "toy", "--out", out.toString(), "--threads", threads);
      assertEquals(one.out(), many.out(), "--threads " + threads);
      assertEquals(1, many.code());
    }
    int most = dev.hyper.runtime.store.SweepMaterializer.Options.maxThreads();
    CliRun tooMany = cli("verify", "toy", "--out", out.toString(), "--threads", String.valueOf(most + 1));
    assertEquals("verify: --threads must be between 1 and " + most + " (" + (most / Runtime.getRuntime()
        .availableProcessors()) + " per core, " + Runtime.getRuntime().availableProcessors() + " cores here), was "
        + (most + 1) + "\n", tooMany.err());
    assertEquals(2, tooMany.code());
  }

  @Test
  void aDeletedTomlIsMissingInVerifyStatusAndExec() throws Exception {
    Path gone = tomls.get(1);
    Files.delete(gone);
    Path confPath = out.relativize(gone);
    String id = gone.getParent().getParent().getFileName().toString();

    CliRun verify = cli("verify", "toy", "--out", out.toString());
    assertEquals("MISSING  " + gone + ": " + id + ".toml is gone (toy-manifest.tsv lists it)\n"
        + "verify: 4 experiments, 3 ok, 1 missing\n", verify.out());
    assertEquals(1, verify.code());

    // its trial's directory a file: the TOML's path cannot be looked at, and it is missing all the same
    dev.hyper.runtime.io.AtomicFiles.deleteTree(gone.getParent());
    Files.writeString(gone.getParent(), "in the way");
    CliRun notADirectory = cli("verify", "toy", "--out", out.toString());
    assertEquals(verify.out(), notADirectory.out());
    assertEquals(1, notADirectory.code());
    Files.delete(gone.getParent());

    CliRun status = cli("status", "toy", "--out", out.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().startsWith("sweep toy in " + out + ": 4 experiments\n"), status.out());
    assertTrue(status.out().contains("  done          3\n"), status.out());
    assertTrue(status.out().contains("  MISSING       1   (in toy-manifest.tsv, TOML gone: cannot run)\n"
        + "MISSING:\n  " + id + "/0  " + id + ".toml is gone (" + confPath + ")\n"), status.out());

    CliRun exec = cli("exec", "toy", "--out", out.toString());
    assertEquals("exec toy: nothing to run: 3 of 4 done, 0 failed, 0 never started; 1 not runnable (TOML gone)\n",
        exec.out());
    assertEquals("exec: not runnable: " + id + "/0: " + id + ".toml is gone (" + confPath + ")\n", exec.err());
    assertEquals(1, exec.code());
  }

  @Test
  void resultsMarksARowWhoseMetricsChangedAfterItsRun() throws Exception {
    String id = idOf(tomls.get(0));
    Path metrics = metricsOf(tomls.get(0));
    String recorded = Sha256.of(metrics);
    Files.writeString(metrics, "{\"accuracy\": 0.99}\n");
    String now = Sha256.of(metrics);

    CliRun r = cli("results", "toy", "--out", out.toString(), "--metric", "accuracy", "--goal", "max");
    assertEquals(0, r.code(), r.err());
    assertEquals("warning: " + id + " trial 0: metrics.json changed after the run finished (SHA-256 "
        + now.substring(0, 12) + "..., DONE records " + recorded.substring(0, 12) + "...); its row is marked"
        + " (metrics.json changed)\n", r.err());
    String row = r.out().lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
    assertTrue(row.contains(id) && row.endsWith("DONE    0.9900 (metrics.json changed)"), r.out());
    assertTrue(r.out().contains("\nbest experiment: 0.9900 (metrics.json changed)  " + id + " trial 0"), r.out());
    assertTrue(r.out().contains("\nbest point:      0.9900 (n=1) (metrics.json changed)  " + id), r.out());
    assertEquals(4, r.out().split("metrics.json changed", -1).length, "the other rows are not marked: " + r.out());
  }

  @Test
  void aManifestCutShortIsAnErrorNamingItsLastLine() throws Exception {
    Path manifest = out.resolve("toy-manifest.tsv");
    List<String> lines = Files.readAllLines(manifest);
    List<String> kept = lines.subList(0, lines.size() - 2);               // two rows gone, at a line break
    Files.write(manifest, kept);
    String error = manifest + ":" + kept.size() + ": ends after 2 of the 4 experiments its header lists; was it cut"
        + " short? (restore it, or move it away and sweep again: the experiments written stay)\n";
    for (String command : List.of("verify", "status", "exec")) {
      CliRun r = cli(command, "toy", "--out", out.toString());
      assertEquals(2, r.code(), command + ": " + r.err());
      assertEquals(error, r.err(), command);
    }
  }
}
