package dev.hyper.runtime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hyper.runtime.plan.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
  @TempDir Path root;

  private static final String ID = "0123456789ab";
  private static final String OTHER = "fedcba987654";

  private Path sweepDir() {
    return root.resolve(Layout.sweepModelDir("rnn"));
  }

  private Path dir(String id, int trial) throws Exception {
    return Files.createDirectories(root.resolve(Layout.serializationDir("rnn", id, trial)));
  }

  private Path journal() {
    return sweepDir().resolve(Layout.JOURNAL_DIR).resolve(RunJournal.fileName(Markers.hostName()));
  }

  private ExperimentStatus read(String id, int trial) throws Exception {
    return RunJournal.read(sweepDir()).status(id, trial);
  }

  private static Done done() {
    return new Done("t2", "t0", 2.5, null, List.of());
  }

  @Test
  void eachMarkerWrittenIsALineAndTheLastOneSaysWhetherTheExperimentFinished() throws Exception {
    Path d = dir(ID, 0);
    assertNull(read(ID, 0), "no journal yet");
    Markers.writeFailed(d, new Failed("t1", "t0", 1.5, 3, List.of("boom"), List.of()));
    assertNull(read(ID, 0), "FAILED is looked up in the markers");
    Markers.writeDone(d, done());
    assertEquals(ExperimentStatus.DONE, read(ID, 0));
    assertNull(read(ID, 1), "another trial");
    assertNull(read(OTHER, 0), "another point");

    List<String> lines = Files.readAllLines(journal());
    assertEquals(2, lines.size(), lines.toString());
    assertEquals(ID + "\t0\tFAILED\t", lines.get(0).replaceAll("[0-9]+$", ""));
    assertEquals(ID + "\t0\tDONE\t", lines.get(1).replaceAll("[0-9]+$", ""));

    Markers.clearFinished(d);                       // a rerun
    assertNull(read(ID, 0), "its DONE is gone");
    assertEquals(ID + "\t0\tCLEARED\t", Files.readAllLines(journal()).get(2).replaceAll("[0-9]+$", ""));
    Markers.writeStarted(d, new Started("rnn", ID, 0, Markers.hostName(), 1, null, null,
        new dev.hyper.runtime.Provenance("t", "c", "/w", "17", "v", "Linux", "6", "amd64", null, null, null),
        List.of()));
    assertNull(read(ID, 0));
    Path stopped = dir(ID, 1);
    Markers.writeStopped(stopped, new Stopped("t3", "t0", 1.0, 0, 1L, "acc", 0.5, 0.6));
    assertEquals(ExperimentStatus.STOPPED, read(ID, 1));
  }

  @Test
  void clearingAnUnfinishedExperimentAddsNoLine() throws Exception {
    Path d = dir(ID, 0);
    Markers.writeFailed(d, new Failed("t1", "t0", 1.5, 3, List.of("boom"), List.of()));
    Markers.clearFinished(d);
    assertEquals(1, Files.readAllLines(journal()).size());
  }

  @Test
  void anExperimentWithLinesFromTwoHostsIsLookedUpInItsMarkers() throws Exception {
    Markers.writeDone(dir(ID, 0), done());
    Markers.writeDone(dir(OTHER, 0), done());
    Files.writeString(sweepDir().resolve(Layout.JOURNAL_DIR).resolve("node-7"), ID + "\t0\tSTARTED\t1\n");
    assertNull(read(ID, 0), "no clock orders two hosts' lines");
    assertEquals(ExperimentStatus.DONE, read(OTHER, 0));
  }

  @Test
  void linesThatAreNotWholeOrNotAnExperimentsAreSkipped() throws Exception {
    Markers.writeDone(dir(ID, 0), done());
    String[] bad = {
        ID + "\t0\tCLEAR",                         // a host died while appending
        ID + "\t0\tCLEARED",                       // no time
        ID + "\t0\tCLEARED\t12x",
        ID + "\t\tCLEARED\t12",
        ID + "\t0\tCLEARED\t12\textra",
        ID.toUpperCase() + "\t0\tDONE\t12",        // not an id Hyper makes
        "0123\t0\tDONE\t12",
        ID + "\t1234567890\tDONE\t12",             // no such trial
    };
    Files.write(journal(), (String.join("\n", bad)).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    assertEquals(ExperimentStatus.DONE, read(ID, 0));
    assertNull(read(ID.toUpperCase(), 0));
  }

  @Test
  void aDirectoryNotInASweepsLayoutHasNoJournal() throws Exception {
    Path d = Files.createDirectories(root.resolve("somewhere/else"));
    Markers.writeDone(d, done());
    assertFalse(Files.exists(root.resolve("somewhere").resolve(Layout.JOURNAL_DIR)));
    assertFalse(Files.exists(root.resolve(Layout.JOURNAL_DIR)));
  }

  @Test
  void thousandsOfExperimentsAreEachFoundAgain() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("%012x", i * 7919L);
      lines.append(id).append('\t').append(i % 3).append('\t').append(i % 2 == 0 ? "DONE" : "STOPPED").append("\t1\n");
    }
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), lines);
    RunJournal.Finished f = RunJournal.read(sweepDir());
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("%012x", i * 7919L);
      assertEquals(i % 2 == 0 ? ExperimentStatus.DONE : ExperimentStatus.STOPPED, f.status(id, i % 3), id);
      assertNull(f.status(id, i % 3 + 3), id);
    }
  }

  @Test
  void aHostNameIsAPlainFileName() {
    assertEquals("node-17.cluster_a", RunJournal.fileName("node-17.cluster_a"));
    assertEquals("a_b_c", RunJournal.fileName("a/b c"));
    assertEquals("_.hidden", RunJournal.fileName(".hidden"));
  }
}
