package dev.hyper.runtime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.plan.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim within one JVM (two JVMs: example-model's ClaimIT). */
class RunClaimTest {
  @TempDir Path tmp;

  @Test
  void aSecondClaimInThisProcessIsRefusedAndTheFirstStaysHeldUntilClosed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("id").resolve("0"));
    String self = "pid " + ProcessHandle.current().pid() + " on " + Markers.hostName() + " (this process)";
    try (RunClaim claim = RunClaim.claim(dir)) {
      assertEquals(self, assertThrows(RunClaim.Busy.class, () -> RunClaim.claim(dir)).holder());
      // through another spelling of the same directory too
      Path sameDir = Files.createDirectory(dir.resolve("sub")).resolve("..");
      assertEquals(self, assertThrows(RunClaim.Busy.class, () -> RunClaim.claim(sameDir)).holder());
    }
    // read once released: a process that opens the file it holds locked loses the lock
    Path file = tmp.resolve("id").resolve(".0.claim");
    assertEquals(file, Layout.claimFile(dir));
    String[] recorded = Files.readString(file).strip().split("\t");
    assertEquals(Markers.hostName(), recorded[0]);
    assertEquals(Long.toString(ProcessHandle.current().pid()), recorded[1]);
    try (RunClaim again = RunClaim.claim(dir)) {
      assertEquals(4, ExitCodes.BUSY);
    }
  }
}
