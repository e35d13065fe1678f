package dev.hyper.runtime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.toml.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkersTest {
  @TempDir Path dir;

  private static Started started(List<String> forced) {
    Provenance env = new Provenance("2026-01-02T03:04:05.678Z", "'java' '-jar' 'm.jar' 'run' 'x.toml'", "/w",
        "17.0.1", "Vendor \"Q\"", "Linux", "6.1", "amd64", "0123456789abcdef0123456789abcdef01234567", true, null);
    ProcessHandle self = ProcessHandle.current();
    return new Started("rnn", "abc123", 0, Markers.hostName(), self.pid(),
        self.info().startInstant().map(Object::toString).orElse(null), "ff".repeat(32), env, forced);
  }

  @Test
  void statusFollowsTheMarkersPresent() throws Exception {
    assertEquals(ExperimentStatus.PENDING, Markers.status(dir.resolve("nowhere")));
    assertEquals(RunState.PENDING, Markers.read(dir));
    Markers.writeStarted(dir, started(List.of()));
    assertEquals(ExperimentStatus.RUNNING, Markers.status(dir));
    Markers.writeFailed(dir, new Failed("t1", "t0", 1.5, 3, List.of("boom"), List.of()));
    assertEquals(ExperimentStatus.FAILED, Markers.status(dir));
    Markers.writeDone(dir, new Done("t2", "t0", 2.5, null, List.of()));
    assertEquals(ExperimentStatus.DONE, Markers.status(dir));
    assertEquals(ExperimentStatus.DONE, Markers.read(dir).status());
    Markers.clearFinished(dir);
    assertEquals(ExperimentStatus.RUNNING, Markers.read(dir).status());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("STARTED"), files.map(f -> f.getFileName().toString()).toList(), "no temporary files left");
    }
  }

  @Test
  void markersReadBackAsWritten() throws Exception {
    Started s = started(List.of("the running jar is not the snapshot; \"quoted\"\nand a line break"));
    Markers.writeStarted(dir, s);
    List<String> error = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      error.add("line " + i + " \t with a tab and \\ backslash");
    }
    Markers.writeFailed(dir, new Failed("t1", s.time(), 0.25, 1, error, s.forced()));
    Markers.writeDone(dir, new Done("t2", s.time(), 2.5, "ab".repeat(32), s.forced()));
    RunState state = Markers.read(dir);
    assertEquals(s, state.started().orElseThrow());
    assertTrue(state.started().get().isRunningHere(), "this process wrote it");
    assertEquals(new Done("t2", s.time(), 2.5, "ab".repeat(32), s.forced()), state.done().orElseThrow());
    assertEquals(error.subList(10, 30), state.failed().orElseThrow().error(), "the last 20 lines");
    assertEquals(1, state.failed().get().exitCode());
    assertTrue(Files.readString(dir.resolve("DONE")).endsWith("\n"));
  }

  @Test
  void aMarkerOfAProcessThatIsGoneIsNotRunningHere() throws Exception {
    Started s = started(List.of());
    Started gone = new Started(s.sweep(), s.id(), s.trial(), s.host(), s.pid(), "1999-01-01T00:00:00Z", null,
        s.environment(), List.of());
    assertFalse(gone.isRunningHere(), "same pid, other start time: another process");
    Started elsewhere = new Started(s.sweep(), s.id(), s.trial(), s.host() + "-other", s.pid(), s.processStart(),
        null, s.environment(), List.of());
    assertFalse(elsewhere.isRunningHere());
  }

  @Test
  void aBrokenMarkerNamesItsFile() throws Exception {
    Files.writeString(dir.resolve("DONE"), "marker = \"DONE\"\ntime = 3\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Markers.read(dir));
    assertTrue(e.getMessage().contains("DONE") && e.getMessage().contains("'time'"), e.getMessage());
  }
}
