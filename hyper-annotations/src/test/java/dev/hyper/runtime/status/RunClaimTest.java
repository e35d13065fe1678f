package dev.hyper.runtime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim within one JVM (two JVMs: example-model's ClaimIT). */
class RunClaimTest {
  @TempDir Path dir;

  @Test
  void aSecondClaimInThisProcessIsRefusedAndTheFirstStaysHeldUntilClosed() throws Exception {
    String self = "pid " + ProcessHandle.current().pid() + " on " + Markers.hostName() + " (this process)";
    try (RunClaim claim = RunClaim.claim(dir)) {
      String[] recorded = Files.readString(dir.resolve(".claim")).strip().split("\t");
      assertEquals(Markers.hostName(), recorded[0]);
      assertEquals(Long.toString(ProcessHandle.current().pid()), recorded[1]);
      assertEquals(self, assertThrows(RunClaim.Busy.class, () -> RunClaim.claim(dir)).holder());
      // through another spelling of the same directory too
      Path sameDir = Files.createDirectory(dir.resolve("sub")).resolve("..");
      assertEquals(self, assertThrows(RunClaim.Busy.class, () -> RunClaim.claim(sameDir)).holder());
    }
    try (RunClaim again = RunClaim.claim(dir)) {
      assertEquals(3, RunClaim.BUSY_EXIT);
    }
  }
}
