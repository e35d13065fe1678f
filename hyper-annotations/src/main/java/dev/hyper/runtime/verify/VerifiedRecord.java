package dev.hyper.runtime.verify;

import dev.hyper.runtime.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep's verify record ({@code dev.hyper.runtime.plan.Layout#verifiedRecord}): the experiments the last
 * {@code verify} of the sweep found ok, in the manifest's order, each with the identity of every file that check
 * read ({@link Identities}). A later {@code verify} by the same program takes an experiment whose files all have the
 * same identity, and whose {@code model.jar} this {@code verify} found to be the snapshot the line names, as ok
 * without reading them again. A cache, never the truth: a record of another program or version, or one that
 * cannot be read, counts as none, and {@code verify --full} ignores it.
 */
final class VerifiedRecord {
  static final String TITLE = "# Hyper verify record v2";

  /** The files of one experiment whose identities are recorded, in the record's column order. */
  record Identities(FileIdentity toml, FileIdentity json, FileIdentity jar, FileIdentity done, FileIdentity metrics) {
    List<FileIdentity> all() {
      return List.of(toml, json, jar, done, metrics);
    }

    /** Whether none of the files was written at or after {@code nanos}. */
    boolean settledBefore(long nanos) {
      return all().stream().allMatch(f -> f.settledBefore(nanos));
    }

    String spelled() {
      StringBuilder sb = new StringBuilder();
      for (FileIdentity f : all()) {
        sb.append('\t').append(f.spelled());
      }
      return sb.toString();
    }
  }

  private VerifiedRecord() {}

  /** The record at {@code file} as it is read back, row by row in ascending order. */
  static final class Reader implements AutoCloseable {
    private final BufferedReader in;
    private long row = -1;
    private String rest;

    private Reader(BufferedReader in) {
      this.in = in;
    }

    /** A reader of no record. */
    static Reader none() {
      return new Reader(null);
    }

    /** The record at {@code file} if it is one of program {@code program}; else a reader of nothing. */
    static Reader open(Path file, String program) throws IOException {
      BufferedReader in = null;
      try {
        in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8);
        String title = in.readLine();
        String by = in.readLine();
        if (title != null && title.startsWith(TITLE + ":") && by != null && by.equals(programLine(program))) {
          return new Reader(in);
        }
      } catch (IOException e) {
        // none to be read (not there, not a file, not text): the same as none
      }
      if (in != null) {
        in.close();
      }
      return new Reader(null);
    }

    /**
     * What the record holds for row {@code at} (the experiment's {@code ID/TRIAL} and its files' identities, as
     * {@link VerifiedRecord#spelled} spells them), or null; rows must be asked for in ascending order. A line it cannot read
     * ends the record there.
     */
    String at(long at) {
      while (in != null && row < at) {
        String line;
        try {
          line = in.readLine();
        } catch (IOException e) {
          line = null;                                   // cannot be read on: the record ends here
        }
        if (line == null) {
          row = Long.MAX_VALUE;
          break;
        }
        int tab = line.indexOf('\t');
        try {
          long next = Long.parseLong(tab < 0 ? line : line.substring(0, tab));
          if (next <= row) {
            row = Long.MAX_VALUE;                        // out of order: not a record this code wrote
            break;
          }
          row = next;
          rest = line.substring(tab + 1);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
          row = Long.MAX_VALUE;
        }
      }
      return row == at ? rest : null;
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }

  /**
   * A new record, written beside {@code file} and renamed over it by {@link #commit}; a verify stopped by a signal
   * (Ctrl-C, SIGTERM) leaves no temporary file behind.
   */
  static final class Writer implements AutoCloseable {
    private final Path file;
    private final Path temp;
    private final BufferedWriter out;
    private final Thread removeOnExit;
    private boolean committed;

    Writer(Path file, String program) throws IOException {
      this.file = file;
      this.temp = java.nio.file.Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(),
          ".tmp");
      Path made = temp;
      this.removeOnExit = new Thread(() -> {
        try {
          java.nio.file.Files.deleteIfExists(made);
        } catch (IOException e) {
          // exiting: nothing to tell it to
        }
      }, "hyper-verify-record");
      Runtime.getRuntime().addShutdownHook(removeOnExit);
      this.out = java.nio.file.Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
      out.write(TITLE + ": the experiments verify found ok, in the manifest's order, each with its snapshot's"
          + " SHA-256 and the identity (inode.size.mtime.ctime, hexadecimal, ns) of its TOML, JSON, model.jar (inode"
          + " and size: each verify hashes it once), DONE and metrics.json when it checked them; a later verify checks"
          + " again any whose files changed. Delete this file, or run verify --full, to check every experiment"
          + " again.\n");
      out.write(programLine(program) + "\n");
    }

    /** Adds row {@code row}, as {@link VerifiedRecord#spelled} spells it. */
    void add(long row, String spelled) throws IOException {
      out.write(row + "\t" + spelled + "\n");
    }

    /** Puts the new record in place of the old. */
    void commit() throws IOException {
      out.close();
      AtomicFiles.move(temp, file);
      committed = true;
      unhook();
    }

    @Override
    public void close() throws IOException {
      out.close();
      if (!committed) {
        java.nio.file.Files.deleteIfExists(temp);
      }
      unhook();
    }

    private void unhook() {
      try {
        Runtime.getRuntime().removeShutdownHook(removeOnExit);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook runs, and finds the file gone or removes it
      }
    }
  }

  /**
   * How the record spells experiment {@code key} of the snapshot whose SHA-256 is {@code sha256}, with its files,
   * as {@link Reader#at} returns it.
   */
  static String spelled(String key, String sha256, Identities files) {
    return key + "\t" + sha256 + files.spelled();
  }

  private static String programLine(String program) {
    return "# program: " + program;
  }
}
