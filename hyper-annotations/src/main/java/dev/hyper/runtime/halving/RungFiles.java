package dev.hyper.runtime.halving;

import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tomlj.MutableTomlArray;
import org.tomlj.MutableTomlTable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * The rung files of one sweep ({@link Layout#rungsDir}): each record and each decision is a small TOML file
 * created once and never changed. It is written whole under a temporary name, forced to disk, and then
 * hard-linked to its name, which fails if the name exists: a reader sees a whole file or none (also after
 * {@code kill -9}), two writers never both succeed, and no lock is needed, so it is safe on NFS, where
 * {@code link} is atomic and locks may not work. Each name belongs to one experiment, whose run holds its
 * claim; on a file system without hard links the file is renamed into place without replacing instead.
 */
public final class RungFiles {
  private final Path root;
  private final String sweep;

  /** The rung files of {@code sweep} under the output directory {@code root}. */
  public RungFiles(Path root, String sweep) {
    this.root = root;
    this.sweep = sweep;
  }

  /** Rung {@code k}'s directory. */
  public Path dir(int k) {
    return root.resolve(Layout.rungDir(sweep, k));
  }

  /** The rungs that have a directory, in order. */
  public List<Integer> rungs() throws IOException {
    List<Integer> out = new ArrayList<>();
    Path dir = root.resolve(Layout.rungsDir(sweep));
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,9}")).map(Integer::valueOf).sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** Records {@code r} unless the experiment already has a record at its rung; returns whether it wrote it. */
  public boolean write(RungRecord r) throws IOException {
    MutableTomlTable t = MutableTomlTable.create();
    t.set("experiment", r.id());
    t.setCommentAbove("experiment", "Hyper: successive halving, rung " + r.rung() + " (resource " + r.resource()
        + ") of sweep " + sweep + ": this experiment's value there. Written once.");
    t.set("trial", (long) r.trial());
    t.set("rung", (long) r.rung());
    t.set("resource", r.resource());
    t.set("used", r.used());
    t.set("step", r.step());
    t.set("value", r.value());
    t.set("time", r.time());
    t.set("host", r.host());
    t.set("pid", r.pid());
    return createOnly(dir(r.rung()).resolve(r.name()), t);
  }

  /** Records {@code d} unless the experiment already decided at its rung; returns whether it wrote it. */
  public boolean write(Decision d) throws IOException {
    MutableTomlTable t = MutableTomlTable.create();
    t.set("experiment", d.id());
    t.setCommentAbove("experiment", "Hyper: successive halving, rung " + d.rung() + " (resource " + d.resource()
        + ") of sweep " + sweep + ": what this experiment decided, and the values it compared with. Written once.");
    t.set("trial", (long) d.trial());
    t.set("rung", (long) d.rung());
    t.set("resource", d.resource());
    t.set("metric", d.metric());
    t.set("value", d.value());
    t.set("decision", d.goOn() ? "continue" : "stop");
    t.set("cutoff", d.cutoff());
    t.set("rule", d.rule());
    MutableTomlArray seen = MutableTomlArray.create();
    d.seen().forEach(seen::add);
    t.set("seen", seen);
    t.set("time", d.time());
    return createOnly(dir(d.rung()).resolve(Layout.rungRecordName(d.id(), d.trial()) + Layout.DECISION_SUFFIX), t);
  }

  /** The record of experiment {@code id}/{@code trial} at rung {@code k}, if it has one. */
  public Optional<RungRecord> record(int k, String id, int trial) throws IOException {
    Path file = dir(k).resolve(Layout.rungRecordName(id, trial));
    return Files.exists(file) ? Optional.of(readRecord(file)) : Optional.empty();
  }

  /** The decision of experiment {@code id}/{@code trial} at rung {@code k}, if it made one. */
  public Optional<Decision> decision(int k, String id, int trial) throws IOException {
    Path file = dir(k).resolve(Layout.rungRecordName(id, trial) + Layout.DECISION_SUFFIX);
    return Files.exists(file) ? Optional.of(readDecision(file)) : Optional.empty();
  }

  /** Every record at rung {@code k}, by name. */
  public List<RungRecord> records(int k) throws IOException {
    return read(k, false, this::readRecord);
  }

  /** Every decision at rung {@code k}, by name. */
  public List<Decision> decisions(int k) throws IOException {
    return read(k, true, this::readDecision);
  }

  /** Removes experiment {@code id}/{@code trial}'s records and decisions at every rung ({@code run --rerun}). */
  public void forget(String id, int trial) throws IOException {
    for (int k : rungs()) {
      Files.deleteIfExists(dir(k).resolve(Layout.rungRecordName(id, trial) + Layout.DECISION_SUFFIX));
      Files.deleteIfExists(dir(k).resolve(Layout.rungRecordName(id, trial)));
    }
  }

  private interface Parser<T> {
    T read(Path file) throws IOException;
  }

  private <T> List<T> read(int k, boolean decisions, Parser<T> parser) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir(k))) {
      s.filter(p -> {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && n.endsWith(Layout.DECISION_SUFFIX) == decisions;
      }).sorted().forEach(files::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (Path f : files) {
      out.add(parser.read(f));
    }
    return out;
  }

  private RungRecord readRecord(Path file) throws IOException {
    Fields f = fields(file);
    return new RungRecord(f.string("experiment"), (int) f.integer("trial"), (int) f.integer("rung"),
        f.integer("resource"), f.number("used"), f.integer("step"), f.number("value"), f.string("time"),
        f.string("host"), f.integer("pid"));
  }

  private Decision readDecision(Path file) throws IOException {
    Fields f = fields(file);
    String decision = f.string("decision");
    if (!decision.equals("continue") && !decision.equals("stop")) {
      throw new ConfigException(file, null, null, "decision", "expected \"continue\" or \"stop\", found \""
          + decision + "\"");
    }
    List<String> seen = new ArrayList<>();
    if (f.toml.get("seen") instanceof TomlArray a) {
      a.toList().forEach(o -> seen.add(String.valueOf(o)));
    }
    return new Decision(f.string("experiment"), (int) f.integer("trial"), (int) f.integer("rung"),
        f.integer("resource"), f.string("metric"), f.number("value"), decision.equals("continue"),
        f.number("cutoff"), seen, f.string("rule"), f.string("time"));
  }

  private static Fields fields(Path file) throws IOException {
    TomlParseResult toml = Toml.parse(file);
    if (toml.hasErrors()) {
      throw new ConfigException(file, null, null, null, "not a valid rung file: " + toml.errors().get(0).getMessage());
    }
    return new Fields(file, toml);
  }

  private record Fields(Path file, TomlParseResult toml) {
    private ConfigException wrong(String key, String expected) {
      return new ConfigException(file, null, null, key, toml.get(key) == null ? "missing; expected " + expected
          : "expected " + expected);
    }

    String string(String key) throws ConfigException {
      if (toml.get(key) instanceof String s) {
        return s;
      }
      throw wrong(key, "a string");
    }

    long integer(String key) throws ConfigException {
      if (toml.get(key) instanceof Long l) {
        return l;
      }
      throw wrong(key, "an integer");
    }

    double number(String key) throws ConfigException {
      if (toml.get(key) instanceof Number n) {
        return n.doubleValue();
      }
      throw wrong(key, "a number");
    }
  }

  /** Creates {@code target} holding {@code t}, unless it exists; returns whether it did. */
  static boolean createOnly(Path target, MutableTomlTable t) throws IOException {
    String text = t.toToml();
    byte[] bytes = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    if (Files.exists(target)) {
      return false;
    }
    // a temporary name of this process alone, created with the default permissions (the umask's), so that
    // the other users of a shared sweep can read it
    Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      try {
        Files.createLink(target, temp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        try {
          Files.move(temp, target);                    // no hard links here: rename, never replacing
          return true;
        } catch (FileAlreadyExistsException x) {
          return false;
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
