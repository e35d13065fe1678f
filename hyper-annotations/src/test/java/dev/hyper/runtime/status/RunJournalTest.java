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

  /** The experiment's serialization directory, made with its TOML. */
  private Path dir(String id, int trial) throws Exception {
    Path toml = toml(id, trial);
    Files.createDirectories(toml.getParent());
    if (!Files.exists(toml)) {
      Files.writeString(toml, "# " + id + "\n");
    }
    return Files.createDirectories(root.resolve(Layout.serializationDir("rnn", id, trial)));
  }

  private Path toml(String id, int trial) {
    return root.resolve(Layout.confPath("rnn", id, trial));
  }

  private Path journal() {
    return sweepDir().resolve(Layout.JOURNAL_DIR).resolve(RunJournal.thisMachinesFile());
  }

  /** The journal's records: its lines less the empty ones (each record is led by a line break). */
  private List<String> lines() throws Exception {
    return Files.readAllLines(journal()).stream().filter(l -> !l.isEmpty()).toList();
  }

  private ExperimentStatus read(String id, int trial) throws Exception {
    return RunJournal.read(sweepDir()).status(id, trial, toml(id, trial));
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

    List<String> lines = lines();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals(ID + "\t0\tFAILED\t", lines.get(0).replaceAll("[0-9]+$", ""));
    assertEquals(ID + "\t0\tDONE\t", lines.get(1).replaceAll("[0-9]+\t[0-9a-f]+$", ""));
    assertEquals(Long.toHexString(RunJournal.identity(toml(ID, 0))), lines.get(1).replaceAll(".*\t", ""));

    Markers.clearFinished(d);                       // a rerun
    assertNull(read(ID, 0), "its DONE is gone");
    assertEquals(ID + "\t0\tCLEARED\t", lines().get(2).replaceAll("[0-9]+$", ""));
    Markers.writeStarted(d, new Started("rnn", ID, 0, Markers.hostName(), 1, null, null,
        new dev.hyper.runtime.Provenance("t", "c", "/w", "17", "v", "Linux", "6", "amd64", null, null, null),
        List.of()));
    assertNull(read(ID, 0));
    Path stopped = dir(ID, 1);
    Markers.writeStopped(stopped, new Stopped("t3", "t0", 1.0, 0, 1L, "acc", 0.5, 0.6), false);
    assertEquals(ExperimentStatus.STOPPED, read(ID, 1));
  }

  @Test
  void aFinishedLineIsTrustedOnlyWhileItsTomlIsTheSameFile() throws Exception {
    Path d = dir(ID, 0);
    Markers.writeDone(d, done());
    assertEquals(ExperimentStatus.DONE, read(ID, 0));
    Path replacement = toml(ID, 0).resolveSibling("new.toml");
    Files.writeString(replacement, "# replaced\n");
    Files.move(replacement, toml(ID, 0), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);   // as sweep --force of a Hyper without the journal would
    assertNull(read(ID, 0), "another TOML");
    Files.delete(toml(ID, 0));
    assertNull(read(ID, 0), "no TOML");
    assertEquals(0, RunJournal.identity(toml(ID, 0)));
  }

  @Test
  void aRunForcedWithAnotherProgramLeavesItsExperimentToItsMarkers() throws Exception {
    Path d = dir(ID, 0);
    Markers.writeDone(d, done());
    Markers.clearFinished(d);                       // run --force by another program
    Markers.writeDone(d, new Done("t4", "t3", 1.0, null, List.of("model.jar is not the running program")));
    Path stopped = dir(ID, 1);
    Markers.writeStopped(stopped, new Stopped("t3", "t0", 1.0, 0, 1L, "acc", 0.5, 0.6), true);
    assertEquals(List.of("DONE", "CLEARED"), lines().stream().map(l -> l.split("\t")[2]).toList());
    assertNull(read(ID, 0), "its markers say: an older snapshot's rerun may remove them unannounced");
    assertNull(read(ID, 1));
    assertEquals(ExperimentStatus.DONE, Markers.status(d));
  }

  @Test
  void clearingAnUnfinishedExperimentAddsNoLine() throws Exception {
    Path d = dir(ID, 0);
    Markers.writeFailed(d, new Failed("t1", "t0", 1.5, 3, List.of("boom"), List.of()));
    Markers.clearFinished(d);
    assertEquals(1, lines().size());
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
        ID + "\t0\tCLEARED\t12\tXYZ",               // not an identity
        ID + "\t0\tCLEARED\t12\t" + "f".repeat(17),
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
    Path toml = dir(ID, 0).resolve("some.toml");
    Files.writeString(toml, "");
    String identity = Long.toHexString(RunJournal.identity(toml));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("%012x", i * 7919L);
      lines.append(id).append('\t').append(i % 3).append('\t').append(i % 2 == 0 ? "DONE" : "STOPPED").append("\t1\t")
          .append(identity).append('\n');
    }
    Files.createDirectories(journal().getParent());
    Files.writeString(journal(), lines);
    RunJournal.Finished f = RunJournal.read(sweepDir());
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("%012x", i * 7919L);
      assertEquals(i % 2 == 0 ? ExperimentStatus.DONE : ExperimentStatus.STOPPED, f.status(id, i % 3, toml), id);
      assertNull(f.status(id, i % 3 + 3, toml), id);
      assertNull(f.status(id, i % 3, null), "no TOML");
    }
  }

  @Test
  void aLineACrashCutShortDoesNotSwallowTheNextRecord() throws Exception {
    Path d = dir(ID, 0);
    Markers.writeDone(d, done());
    Files.write(journal(), (ID + "\t0\tSTAR").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    Markers.clearFinished(d);                       // the next record, appended after the cut
    assertNull(read(ID, 0), "its CLEARED is read");
  }

  @Test
  void eachMachineAndBootHasItsOwnFile() throws Exception {
    String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    assertEquals(RunJournal.fileName(Markers.hostName() + "-" + boot), RunJournal.thisMachinesFile());
    Markers.writeDone(dir(ID, 0), done());
    try (var files = Files.list(journal().getParent())) {
      assertEquals(List.of(journal()), files.toList());
    }
  }

  @Test
  void aJournalThatCannotBeAppendedToIsAnErrorNamingIt() throws Exception {
    Path d = dir(ID, 0);
    Files.writeString(sweepDir().resolve(Layout.JOURNAL_DIR), "not a directory");
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> Markers.writeDone(d, done()));
    assertEquals(journal() + ": cannot append to the sweep's journal (Not a directory)", e.getMessage());
  }

  @Test
  void aJournalFileThatCannotBeReadIsAnErrorNamingIt() throws Exception {
    Path notAFile = Files.createDirectories(sweepDir().resolve(Layout.JOURNAL_DIR).resolve("node-7"));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> RunJournal.read(sweepDir()));
    assertEquals(notAFile + ": cannot be read (Is a directory)", e.getMessage());
  }

  @Test
  void aHostNameIsAPlainFileName() {
    assertEquals("node-17.cluster_a", RunJournal.fileName("node-17.cluster_a"));
    assertEquals("a_b_c", RunJournal.fileName("a/b c"));
    assertEquals("_.hidden", RunJournal.fileName(".hidden"));
  }
}
