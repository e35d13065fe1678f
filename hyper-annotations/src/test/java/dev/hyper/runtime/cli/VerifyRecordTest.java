package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify SWEEP} keeps a record of the experiments it found ok ({@code config/generated/SWEEP/.verified.tsv})
 * and takes one as ok again only while its files are the ones it checked. Run as a user runs it: a model jar whose
 * class path is jars only, in child JVMs, one thread (so that which experiment is checked in full first is fixed).
 */
class VerifyRecordTest {
  private static final String UNCHANGED = " of them unchanged since the last verify found them ok; --full checks"
      + " them again)\n";

  @TempDir Path tmp;
  private Path jar;
  private Path out;
  private final List<Path> jsons = new ArrayList<>();

  @BeforeEach
  void sweep() throws Exception {
    jar = TestJars.modelJar(tmp.resolve("build/model.jar"), true);
    out = tmp.resolve("out");
    assertEquals(0, java("sweep", "toy", "--out", out.toString()).code, "sweep");
    ManifestFile.read(out, "toy").orElseThrow().forEachRow(r ->
        jsons.add(out.resolve(r.config().replace(".toml", ".json"))));
    assertEquals(4, jsons.size());
    Thread.sleep(2100);   // files written within 2 s of a verify's start are not recorded (time stamps may be coarse)
  }

  @Test
  void anUnchangedExperimentIsOkFromTheRecordAndAChangedOneIsCheckedAgain() throws Exception {
    assertEquals("verify: 4 experiments, 4 ok\n", verify().text);
    Path record = out.resolve("config/generated/toy/.verified.tsv");
    List<String> rows = Files.readAllLines(record).stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(4, rows.size(), rows.toString());
    // the first experiment is checked in full (its model.jar is not known yet in this run), the rest come from the record
    assertEquals("verify: 4 experiments, 4 ok (3" + UNCHANGED, verify().text);

    // the same bytes written again: a new identity, checked again, still ok
    Files.write(jsons.get(1), Files.readAllBytes(jsons.get(1)));
    // other bytes of the same size, with the modification time put back: the change time still tells
    Path edited = jsons.get(2);
    FileTime was = Files.getLastModifiedTime(edited);
    String text = Files.readString(edited, StandardCharsets.UTF_8);
    Files.writeString(edited, text.replace("\"lr\"", "\"LR\""), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(edited, was);
    Result after = verify();
    List<String> lines = after.text.lines().toList();
    assertEquals(2, lines.size(), after.text);
    assertTrue(lines.get(0).startsWith("DIFFERS  " + edited.resolveSibling(edited.getFileName().toString()
        .replace(".json", ".toml")) + ": "), after.text);
    assertEquals("verify: 4 experiments, 3 ok (1 of them unchanged since the last verify found them ok; --full checks"
        + " them again), 1 differs", lines.get(1));
    assertEquals(1, after.code);

    assertEquals("verify: 4 experiments, 3 ok, 1 differs\n", verify("--full").text.lines()
        .reduce((a, b) -> b).orElseThrow() + "\n");
  }

  @Test
  void aChangedModelJarOrAnotherProgramsRecordIsCheckedInFull() throws Exception {
    assertEquals("verify: 4 experiments, 4 ok\n", verify().text);
    Path record = out.resolve("config/generated/toy/.verified.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(record));
    assertTrue(lines.get(1).startsWith("# program: "), lines.get(1));
    lines.set(1, "# program: another");
    Files.write(record, lines);
    assertEquals("verify: 4 experiments, 4 ok\n", verify().text);        // a record of another program is none

    Path stored = jsons.get(0).resolveSibling("model.jar");              // a hard link shared by all four
    stored.toFile().setWritable(true);
    Files.write(stored, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    Result r = verify();
    assertEquals(4, r.text.lines().filter(l -> l.startsWith("DIFFERS  ")).count(), r.text);
    assertTrue(r.text.endsWith("verify: 4 experiments, 0 ok, 4 differ\n"), r.text);
  }

  @Test
  void experimentsAddedLaterLinkTheSameJarAndTheRecordStands() throws Exception {
    assertEquals("verify: 4 experiments, 4 ok\n", verify().text);
    Path linked = jsons.get(0).resolveSibling("model.jar");
    Object changed = Files.getAttribute(linked, "unix:ctime");
    Thread.sleep(20);
    // four more experiments, each a new hard link to the stored jar: its change time moves
    assertEquals(0, java("sweep", "toy", "--out", out.toString(), "--set", "lr=0.001,0.002").code, "sweep");
    assertTrue(!changed.equals(Files.getAttribute(linked, "unix:ctime")), "a new link changes the jar's ctime");
    Result r = verify();
    // the first checked in full finds the jar to be the snapshot; the other three old ones come from the record
    assertEquals("verify: 8 experiments, 8 ok (3" + UNCHANGED, r.text);
  }

  @Test
  void aModelJarEditedInPlaceToTheSameSizeIsHashedAgainAndDiffers() throws Exception {
    assertEquals("verify: 4 experiments, 4 ok\n", verify().text);
    Path stored = jsons.get(0).resolveSibling("model.jar");              // a hard link shared by all four
    stored.toFile().setWritable(true);
    FileTime was = Files.getLastModifiedTime(stored);
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(stored,
        java.nio.file.StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), Files.size(stored) - 1);
    }
    Files.setLastModifiedTime(stored, was);
    Result r = verify();
    assertEquals(4, r.text.lines().filter(l -> l.startsWith("DIFFERS  ")).count(), r.text);
    assertTrue(r.text.endsWith("verify: 4 experiments, 0 ok, 4 differ\n"), r.text);
  }

  @Test
  void aRecordThatCannotBeWrittenIsAWarningAndTheAnswerStands() throws Exception {
    Path record = Files.createDirectories(out.resolve("config/generated/toy/.verified.tsv"));
    Files.writeString(record.resolve("in-the-way"), "x");
    Result r = verify();
    assertEquals("verify: 4 experiments, 4 ok\n", r.text);
    assertEquals("warning: verify: cannot keep the record of what was found ok (" + record + ": Is a directory); the next"
        + " verify of 'toy' checks every experiment\n", r.err);
    assertEquals(0, r.code);
    assertEquals(List.of("in-the-way"), Files.list(record).map(p -> p.getFileName().toString()).toList());
    assertEquals(List.of(".verified.tsv"), Files.list(record.getParent()).map(p -> p.getFileName().toString())
        .filter(n -> n.startsWith(".verified")).toList(), "the temporary record is not left behind");
  }

  @Test
  void aVerifyStoppedByCtrlCLeavesNoTemporaryRecord() throws Exception {
    Path big = tmp.resolve("big");                       // 4,000 experiments: long enough to be stopped
    assertEquals(0, java("sweep", "toy", "--out", big.toString(), "--set", "n_trials=1000").code, "sweep");
    Path dir = big.resolve("config/generated/toy");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "verify", "toy", "--out", big.toString()).directory(tmp.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (temporary(dir).isEmpty() && p.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "no temporary record within 60 s");
      Thread.sleep(1);
    }
    assertTrue(p.isAlive(), "verify ended before it could be stopped");
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertEquals(130, p.waitFor(), "ended by SIGINT");
    assertEquals(List.of(), temporary(dir));
    assertEquals("verify: 4000 experiments, 4000 ok\n", java("verify", "toy", "--out", big.toString()).text);
  }

  private static List<String> temporary(Path dir) throws Exception {
    try (var names = Files.list(dir)) {
      return names.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  private Result verify(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("verify", "toy", "--out", out.toString(), "--threads", "1"));
    args.addAll(List.of(more));
    return java(args.toArray(String[]::new));
  }

  private record Result(int code, String text, String err) {}

  private Result java(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectError(err.toFile()).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    return new Result(code, text, Files.readString(err));
  }
}
