package dev.hyper.runtime.status;

import dev.hyper.runtime.io.IoProblems;
import dev.hyper.runtime.plan.Ids;
import dev.hyper.runtime.plan.Layout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A sweep's journal of its markers, so that {@code status}, {@code exec} and {@code submit} know the finished
 * experiments of a large sweep from a few files rather than a stat of each experiment's markers (on a cluster
 * file system each stat is a round trip to the server).
 *
 * <h2>Files</h2>
 * One append-only file per machine, {@code model/generated/SWEEP/.journal/HOST-BOOTID} ({@link Layout#journalDir},
 * {@link #thisMachinesFile}); each marker {@link Markers} writes adds a line {@code ID TAB TRIAL TAB MARKER TAB
 * EPOCH_MILLIS} (and for {@code DONE} and {@code STOPPED} a tab and the {@link #identity} of the experiment's
 * TOML), led by a line break, in one {@code write} of an {@code O_APPEND} file, so lines from processes of
 * one machine do not interleave and no two machines append to one file. {@code CLEARED} is the line of markers
 * removed: by a rerun, or by {@code sweep --force} archiving them; it is forced to disk before they go.
 *
 * <h2>What a reader may trust</h2>
 * The markers stay the truth; the journal only says when they need not be looked at. A line is appended after
 * the marker it names is in place, and {@code CLEARED} before a {@code DONE} or {@code STOPPED} is removed. So
 * when an experiment's last line is {@code DONE} or {@code STOPPED}, that marker is there, unless the TOML it
 * names was replaced since (by {@code sweep --force}, of whatever version of Hyper): a reader trusts the line only
 * while the TOML is the same file. "Last" needs no
 * clock: it is trusted only when every line of the experiment is in one machine's file, where the order is the
 * order of the appends; an experiment run on two machines (or across a reboot) is looked up in its markers. A line that is not whole
 * (a host died while appending) is skipped, and so is an experiment whose id is not a sweep's.
 *
 * <p>A run forced with a program other than the experiment's snapshot ({@code run --force}) appends no {@code DONE}
 * or {@code STOPPED} line, so its experiment is looked up in its markers: the snapshot's own later runs may be of a
 * Hyper that keeps no journal, whose reruns remove a {@code DONE} with no {@code CLEARED} line before.
 */
public final class RunJournal {
  /** The line of markers removed. */
  public static final String CLEARED = "CLEARED";

  private RunJournal() {}

  /**
   * Appends {@code marker}'s line for the experiment whose serialization directory is {@code dir}
   * ({@code .../SWEEP/ID/TRIAL}); nothing when {@code dir} is not at such a place.
   *
   * @throws IOException naming the journal file if it cannot be appended to
   */
  static void append(Path dir, String marker) throws IOException {
    Path trial = dir.getFileName();
    Path id = dir.getParent() == null ? null : dir.getParent().getFileName();
    if (id == null || dir.getParent().getParent() == null || !Layout.isTrialName(trial.toString())
        || idBits(id.toString()) < 0) {
      return;
    }
    Path journal = Layout.journalDir(dir).resolve(thisMachinesFile());
    String toml = "";
    if (marker.equals(Markers.DONE) || marker.equals(Markers.STOPPED)) {   // which TOML it finished
      long identity = identity(tomlOf(dir, id.toString(), Integer.parseInt(trial.toString())));
      toml = identity == 0 ? "" : "\t" + Long.toHexString(identity);
    }
    // led by a line break too, so that a line a crash cut short does not swallow this one
    byte[] line = ("\n" + id + "\t" + trial + "\t" + marker + "\t" + System.currentTimeMillis() + toml + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    boolean durable = marker.equals(CLEARED);        // on disk before the markers it announces go
    try {
      try {
        appendLine(journal, line, durable);
      } catch (NoSuchFileException e) {
        Files.createDirectories(journal.getParent());
        appendLine(journal, line, durable);
      }
    } catch (IOException e) {
      throw new IOException(journal + ": cannot append to the sweep's journal (" + IoProblems.reason(e) + ")", e);
    }
  }

  /** The TOML of the experiment whose serialization directory is {@code dir}, or null if not in a sweep's layout. */
  private static Path tomlOf(Path dir, String id, int trial) {
    Path sweep = dir.getParent().getParent();
    Path root = sweep.getParent() == null || sweep.getParent().getParent() == null ? null
        : sweep.getParent().getParent().getParent();
    return root == null ? null : root.resolve(Layout.confPath(sweep.getFileName().toString(), id, trial));
  }

  /**
   * Which file {@code toml} is (its device and inode, hashed), or 0 if it is not there or the file system does
   * not say: a finished line names the TOML its run finished, so that one a later sweep replaced (a new file)
   * is not taken for it.
   */
  public static long identity(Path toml) {
    Object key;
    try {
      key = toml == null ? null : Files.readAttributes(toml, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return 0;
    }
    if (key == null) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;                    // FNV-1a, 64 bits
    for (char ch : key.toString().toCharArray()) {
      h = (h ^ ch) * 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  private static void appendLine(Path journal, byte[] line, boolean durable) throws IOException {
    try (FileChannel out = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        out.write(b);
      }
      if (durable) {
        out.force(false);
      }
    }
  }

  private static String machineFile;

  /**
   * This machine's journal file: its host name and its kernel's boot id, so that two machines never append to
   * one file even when they share a host name ({@code localhost}, or {@code unknown} where it does not
   * resolve), and a reboot starts a new one.
   */
  static synchronized String thisMachinesFile() {
    if (machineFile == null) {
      String boot;
      try {
        boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      } catch (IOException | RuntimeException e) {
        boot = ProcessHandle.current().pid() + "-" + System.currentTimeMillis();   // then one per process
      }
      machineFile = fileName(Markers.hostName() + "-" + boot);
    }
    return machineFile;
  }

  /** A name as a journal file's: letters, digits, {@code .}, {@code _} and {@code -}; not hidden. */
  static String fileName(String name) {
    String plain = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return plain.isEmpty() || plain.startsWith(".") ? "_" + plain : plain;
  }

  /**
   * Reads the journal of the sweep whose serialization directories are under {@code sweepModelDir}; empty when it
   * has none.
   */
  public static Finished read(Path sweepModelDir) throws IOException {
    Finished finished = new Finished();
    Path dir = sweepModelDir.resolve(Layout.JOURNAL_DIR);
    if (!Files.isDirectory(dir)) {
      return finished;
    }
    int host = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> !f.getFileName().toString().startsWith("."))) {
      for (Path file : files) {
        host++;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
            StandardCharsets.US_ASCII), 1 << 16)) {
          finished.readLines(in, host);
        } catch (IOException e) {
          throw new IOException(file + ": cannot be read (" + IoProblems.reason(e) + ")", e);
        }
      }
    }
    return finished;
  }

  /** The 48 bits of an id of Hyper's form ({@link Ids#ID_LENGTH} lowercase hex digits), or -1 if it is not one. */
  private static long idBits(String id) {
    return id.length() == Ids.ID_LENGTH ? Ids.hexValue(id) : -1;
  }

  /**
   * The experiments whose markers need not be looked at: their last line, all from one host, is {@code DONE}
   * or {@code STOPPED}. Open addressing over four arrays, about 56 bytes per experiment the journal names.
   */
  public static final class Finished {
    private static final int DONE = 1;
    private static final int STOPPED = 2;
    private static final int OTHER = 3;
    /** Lines of more than one host: not trusted. */
    private static final int MIXED = 4;

    private long[] ids = new long[16];
    private int[] trials = new int[16];
    /** host << 3 | state; 0 for an empty slot. */
    private long[] values = new long[16];
    /** The {@link #identity} of the TOML its last line names; 0 for none. */
    private long[] tomls = new long[16];
    private int size;

    /**
     * {@link ExperimentStatus#DONE} or {@link ExperimentStatus#STOPPED} when the journal vouches for it and its
     * TOML {@code toml} is the one its last line names (one stat), else null (then its markers say).
     */
    public ExperimentStatus status(String id, int trial, Path toml) {
      long bits = idBits(id);
      if (bits < 0) {
        return null;
      }
      int slot = find(bits, trial);
      if (values[slot] == 0) {
        return null;
      }
      int state = state(values[slot]);
      if (state != DONE && state != STOPPED || tomls[slot] != identity(toml)) {
        return null;
      }
      return state == DONE ? ExperimentStatus.DONE : ExperimentStatus.STOPPED;
    }

    private void readLines(BufferedReader in, int host) throws IOException {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int a = line.indexOf('\t');
        int b = line.indexOf('\t', a + 1);
        int c = line.indexOf('\t', b + 1);
        int d = c < 0 ? -1 : line.indexOf('\t', c + 1);
        int end = d < 0 ? line.length() : d;
        if (a != Ids.ID_LENGTH || b < 0 || c < 0 || d >= 0 && line.indexOf('\t', d + 1) >= 0 || b - a - 1 < 1 || b - a - 1 > 9
            || !digits(line, c + 1, end) || d >= 0 && !hex(line, d + 1, line.length())) {
          continue;                                   // not whole: a host died while appending
        }
        long id = idBits(line.substring(0, a));
        if (id < 0 || !digits(line, a + 1, b)) {
          continue;
        }
        int state = stateOf(line.substring(b + 1, c));
        long toml = d < 0 ? 0 : Long.parseUnsignedLong(line, d + 1, line.length(), 16);
        put(id, Integer.parseInt(line, a + 1, b, 10), host, toml == 0 && state != OTHER ? OTHER : state, toml);
      }
    }

    private static boolean digits(String s, int from, int to) {
      if (from >= to) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private static boolean hex(String s, int from, int to) {
      if (from >= to || to - from > 16) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (Character.digit(s.charAt(i), 16) < 0 || Character.isUpperCase(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static int stateOf(String marker) {
      return switch (marker) {
        case Markers.DONE -> DONE;
        case Markers.STOPPED -> STOPPED;
        default -> OTHER;
      };
    }

    private void put(long id, int trial, int host, int state, long toml) {
      int slot = find(id, trial);
      long old = values[slot];
      tomls[slot] = toml;
      if (old == 0) {
        ids[slot] = id;
        trials[slot] = trial;
        values[slot] = (long) host << 3 | state;
        if (++size * 2 > values.length) {
          grow();
        }
        return;
      }
      values[slot] = old >>> 3 != host || state(old) == MIXED ? (old & ~7L) | MIXED : (long) host << 3 | state;
    }

    private static int state(long value) {
      return (int) (value & 7);
    }

    private int find(long id, int trial) {
      int mask = values.length - 1;
      long h = (id * 0x9E3779B97F4A7C15L) ^ (trial * 0xC2B2AE3D27D4EB4FL);
      int slot = (int) (h ^ h >>> 29) & mask;
      while (values[slot] != 0 && (ids[slot] != id || trials[slot] != trial)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void grow() {
      long[] oldIds = ids;
      int[] oldTrials = trials;
      long[] oldValues = values;
      long[] oldTomls = tomls;
      tomls = new long[oldIds.length * 2];
      ids = new long[oldIds.length * 2];
      trials = new int[oldIds.length * 2];
      values = new long[oldIds.length * 2];
      for (int i = 0; i < oldValues.length; i++) {
        if (oldValues[i] != 0) {
          int slot = find(oldIds[i], oldTrials[i]);
          ids[slot] = oldIds[i];
          trials[slot] = oldTrials[i];
          values[slot] = oldValues[i];
          tomls[slot] = oldTomls[i];
        }
      }
    }
  }
}
