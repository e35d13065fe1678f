package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep's journal of its markers ({@link RunJournal}) as status, exec and a rerun use it: the finished
 * experiments come from the journal, the others from their markers.
 */
class JournalStatusTest extends RunToySweep {
  private Path serialization(Path toml) {
    return out.resolve(Layout.serializationDir("toy", toml.getParent().getParent().getFileName().toString(), 0));
  }

  private Path journal() {
    return out.resolve(Layout.sweepModelDir("toy")).resolve(Layout.JOURNAL_DIR);
  }

  /** The journal file's records: its lines less the empty ones (each record is led by a line break). */
  private static List<String> records(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).toList();
  }

  private String status() {
    CliRun status = cli("status", "toy", "--out", out.toString());
    assertEquals(0, status.code(), status.err());
    return status.out();
  }

  @Test
  void eachRunLeavesItsMarkersLinesInItsHostsJournal() throws Exception {
    List<Path> files;
    try (var all = Files.list(journal())) {
      files = all.toList();
    }
    assertEquals(1, files.size(), "one file, this host's: " + files);
    Path file = files.get(0);
    List<String> lines = records(file);
    assertEquals(8, lines.size(), lines.toString());
    for (int i = 0; i < 4; i++) {
      String id = tomls.get(i).getParent().getParent().getFileName().toString();
      assertEquals(id + "\t0\tSTARTED", lines.get(2 * i).replaceAll("\t[0-9]+(\t[0-9a-f]+)?$", ""));
      assertEquals(id + "\t0\tDONE", lines.get(2 * i + 1).replaceAll("\t[0-9]+(\t[0-9a-f]+)?$", ""));
    }
    assertTrue(status().contains("  done          4\n"), status());

    CliRun rerun = cli("run", tomls.get(0).toString(), "--rerun");
    assertEquals(0, rerun.code(), rerun.err());
    List<String> after = records(file);
    String id = tomls.get(0).getParent().getParent().getFileName().toString();
    assertEquals(List.of(id + "\t0\tCLEARED", id + "\t0\tSTARTED", id + "\t0\tDONE"),
        after.subList(8, 11).stream().map(l -> l.replaceAll("\t[0-9]+(\t[0-9a-f]+)?$", "")).toList());
  }

  @Test
  void aRunForcedWithAnotherProgramIsTakenFromItsMarkers() throws Exception {
    jar = dev.hyper.runtime.TestSweeps.dummyJar(tmp.resolve("other"), "another program");
    CliRun forced = cli("run", tomls.get(0).toString(), "--rerun", "--force");
    assertEquals(0, forced.code(), forced.err());
    Path file;
    try (var all = Files.list(journal())) {
      file = all.findFirst().orElseThrow();
    }
    String id = tomls.get(0).getParent().getParent().getFileName().toString();
    List<String> lines = records(file);
    assertEquals(List.of(id + "\t0\tCLEARED", id + "\t0\tSTARTED"), lines.subList(8, lines.size()).stream()
        .map(l -> l.replaceAll("\t[0-9]+(\t[0-9a-f]+)?$", "")).toList(), "no DONE line for the forced run");
    assertTrue(status().contains("  done          4\n"), status());
  }

  @Test
  void aFinishedExperimentIsTakenFromTheJournalAndItsPointsDirectoryMustBeThere() throws Exception {
    // its DONE removed by hand, not by a run: status and exec take the journal's word (no stat of the marker)
    Files.delete(serialization(tomls.get(0)).resolve(Markers.DONE));
    assertTrue(status().contains("  done          4\n"), status());
    CliRun exec = cli("exec", "toy", "--out", out.toString());
    assertEquals("exec toy: nothing to run: 4 of 4 done, 0 failed, 0 never started\n", exec.out());

    // the point's directory gone: its experiments are looked at again, and are pending
    dev.hyper.runtime.io.AtomicFiles.deleteTree(serialization(tomls.get(1)).getParent());
    String s = status();
    assertTrue(s.contains("  done          3\n") && s.contains("  pending       1   (never started)\n"), s);
  }

  @Test
  void anExperimentRunOnTwoHostsIsTakenFromItsMarkers() throws Exception {
    Path toml = tomls.get(2);
    String id = toml.getParent().getParent().getFileName().toString();
    Files.writeString(journal().resolve("node-7"), id + "\t0\tSTARTED\t1\n");
    Files.delete(serialization(toml).resolve(Markers.DONE));
    String s = status();
    assertTrue(s.contains("  done          3\n"), s);
    assertTrue(s.contains(id + "/0"), s);                // listed with its STARTED marker's state
  }
}
