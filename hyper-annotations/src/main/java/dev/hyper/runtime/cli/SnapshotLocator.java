package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.snapshot.Program;

/** Finds the program a sweep's code runs in, to snapshot it for every experiment or check a run against it. */
@FunctionalInterface
interface SnapshotLocator {
  Program locate(SweepSpec<?> spec) throws HyperException;

  /** How to start this program again from a shell, for the commands Hyper suggests. */
  default String command() {
    return "java -jar model.jar";
  }

  /** The program this JVM runs ({@link Program#ofThisJvm}). */
  static SnapshotLocator thisJvm() {
    return new SnapshotLocator() {
      @Override
      public Program locate(SweepSpec<?> spec) throws HyperException {
        return Program.ofThisJvm(spec);
      }

      @Override
      public String command() {
        return Program.commandOfThisJvm();
      }
    };
  }
}
