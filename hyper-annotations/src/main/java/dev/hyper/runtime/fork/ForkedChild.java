package dev.hyper.runtime.fork;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.snapshot.KnownDigests;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;

/**
 * The forked child's start ({@link ParentProcess} says whether this JVM is one): it halts when its parent
 * is gone, takes the jar's digest its parent hands over ({@link HandedDigest}), and warms the sweep's
 * template up while the command line is read. In an unforked process it does nothing.
 */
final class ForkedChild {
  private ForkedChild() {}

  /**
   * Starts the child's helpers for the command line {@code args} and returns the digests its parent hands
   * over ({@link KnownDigests#NONE} in an unforked process).
   */
  static KnownDigests start(String[] args) {
    watchParent();
    KnownDigests digests = HandedDigest.receive(System.in);
    warmUp(args);
    return digests;
  }

  /**
   * Halts this JVM when the parent that forked it is gone (killed with SIGKILL), checking ten times a
   * second on a daemon thread.
   */
  private static void watchParent() {
    OptionalLong parent = ParentProcess.pid();
    if (parent.isEmpty()) {
      return;
    }
    long pid = parent.getAsLong();
    Thread t = new Thread(() -> {
      while (true) {
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        if (now.isEmpty() || now.get().pid() != pid) {
          Runtime.getRuntime().halt(137);               // as if killed along with it
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "hyper-watch-parent");
    t.setDaemon(true);
    t.start();
  }

  /**
   * In the child of {@code sweep SWEEP ...}: loads the sweep's template and renders its first point on a
   * daemon thread, while the main thread reads the command line. The renderers then find the
   * interpreter's classes loaded and its code compiled. Nothing is kept, and any failure is left for
   * the sweep itself to report.
   */
  private static void warmUp(String[] args) {
    if (System.getProperty(ParentProcess.PROPERTY) == null || args.length < 2 || !args[0].equals("sweep")) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        for (SweepSpec.Provider p : ServiceLoader.load(SweepSpec.Provider.class)) {
          SweepSpec<?> spec = p.spec();
          if (spec.name().equals(args[1])) {
            warm(spec);
            return;
          }
        }
      } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
        // the sweep reports it
      }
    }, "hyper-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static <P extends Record> void warm(SweepSpec<P> spec) throws Exception {
    Optional<JsonnetTemplate> template = Templates.load(spec);
    if (template.isPresent() && spec.grid().size() > 0) {
      template.get().renderUtf8(Tla.asMap(Tla.of(spec, spec.grid().get(0))));
    }
  }
}
