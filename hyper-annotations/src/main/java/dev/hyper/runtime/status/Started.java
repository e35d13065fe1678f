package dev.hyper.runtime.status;

import dev.hyper.runtime.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code STARTED} marker: which experiment, which process on which host, the code it runs and the
 * environment it runs in.
 *
 * @param sweep the sweep's name
 * @param id the experiment's id
 * @param trial its trial
 * @param host the host name of the machine training it
 * @param pid the training process's id
 * @param processStart when that process started (ISO-8601), or null if the OS does not say; with
 *     {@code pid} it identifies the process even when pids are reused
 * @param jarSha256 SHA-256 of the jar running the experiment, or null if it does not run from a jar
 * @param environment when ({@link Provenance#created()} is the start time), how (the command line and
 *     directory) and on which Java and OS the run started, and the git commit the running jar was built
 *     from, if it says
 * @param forced the problems {@code run --force} overrode; empty for a normal run
 */
public record Started(String sweep, String id, int trial, String host, long pid, String processStart,
    String jarSha256, Provenance environment, List<String> forced) {
  public Started {
    Objects.requireNonNull(sweep);
    Objects.requireNonNull(id);
    Objects.requireNonNull(host);
    Objects.requireNonNull(environment);
    forced = List.copyOf(forced);
  }

  /** When training started (ISO-8601, UTC). */
  public String time() {
    return environment.created();
  }

  /**
   * Whether the process that wrote this marker is alive on this machine now: same host name, and a
   * live process with the same pid and start time.
   */
  public boolean isRunningHere() {
    if (!host.equals(Markers.hostName())) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    if (processStart == null) {
      return true;
    }
    return p.get().info().startInstant().map(i -> i.toString().equals(processStart)).orElse(true);
  }
}
