package dev.hyper.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyper.runtime.error.HyperException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a manifest back: both versions, and every way a damaged one is named with its file and line. */
class ManifestFileTest {
  @TempDir Path tmp;

  private static final String V2 = "# Hyper sweep manifest v2: one row per experiment\n# sweep: toy\n# schema: 0123\n"
      + "# experiments: 2\n# invocation: 1 at T: 2 experiments, 2 new (rows 0-1)\n# trials: 1\n"
      + "# override: set a\\\\b\nrow\tid\ttrial\tlr\tconfig\n";
  private static final String ROW0 = "0\t0123456789ab\t0\t0.1\tconfig/generated/toy/0123456789ab/0/0123456789ab.toml\n";
  private static final String ROW1 = "1\t0123456789ab\t1\t0.1\tconfig/generated/toy/0123456789ab/1/0123456789ab.toml\n";

  private Path write(String text) throws Exception {
    return Files.writeString(tmp.resolve("toy-manifest.tsv"), text);
  }

  private List<ManifestRow> rows(ManifestFile m) throws Exception {
    List<ManifestRow> out = new ArrayList<>();
    m.forEachRow(out::add);
    return out;
  }

  @Test
  void readsAVersionTwoManifestRowByRow() throws Exception {
    write(V2 + ROW0 + ROW1);
    ManifestFile m = ManifestFile.read(tmp, "toy").orElseThrow();
    assertEquals(2, m.version());
    assertEquals(2, m.experiments());
    assertEquals("0123", m.schema());
    assertEquals(List.of("lr"), m.params());
    assertEquals(1, m.invocations());
    assertEquals(List.of("set a\\b"), m.overrides());
    List<ManifestRow> rows = rows(m);
    assertEquals(new ManifestRow(1, "0123456789ab", 1, List.of("0.1"),
        "config/generated/toy/0123456789ab/1/0123456789ab.toml"), rows.get(1));
    assertEquals(2, rows.size());
  }

  @Test
  void aVersionOneManifestIsNumberedInOrderAndReadsAsOneInvocation() throws Exception {
    write("# Hyper sweep manifest v1: one row per experiment\n# sweep: toy\n# schema: 0123\n# trials: 2\n"
        + "# points: grid of 1 points\n# experiments: 2\nindex\tid\ttrial\tlr\tconfig\n"
        + ROW0.replaceFirst("^0", "0") + ROW1.replaceFirst("^1", "0"));
    ManifestFile m = ManifestFile.read(tmp, "toy").orElseThrow();
    assertEquals(1, m.version());
    assertEquals(2, m.trialsV1());
    assertEquals(List.of("# invocation: 1: 2 experiments (written before the manifest recorded invocations)",
        "# trials: 2", "# points: grid of 1 points"), m.invocationLines());
    assertEquals(List.of(0L, 1L), rows(m).stream().map(ManifestRow::row).toList());
  }

  @Test
  void aManifestExtendedWhileItIsReadGivesTheNewRows() throws Exception {
    write(V2 + ROW0);
    ManifestFile m = ManifestFile.read(tmp, "toy").orElseThrow();
    // another sweep extends the directory: a longer header (one more invocation), the old row, then a new one
    Path next = Files.writeString(tmp.resolve("next.tsv"), V2.replace("# override: set a\\\\b\n",
        "# override: set a\\\\b\n# invocation: 2 at T: 2 experiments, 1 new (row 1)\n# trials: 2\n") + ROW0 + ROW1);
    Files.move(next, tmp.resolve("toy-manifest.tsv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals(List.of(0L, 1L), rows(m).stream().map(ManifestRow::row).toList());

    write(V2.replace("row\tid\ttrial\tlr\tconfig", "row\tid\ttrial\tlr\tnote\tconfig") + ROW0);
    assertEquals(tmp.resolve("toy-manifest.tsv") + ": changed while it was read (another sweep of other columns"
        + " replaced it); run the command again", assertThrows(HyperException.class, () -> rows(m)).getMessage());
  }

  @Test
  void rowAtFindsEveryRowByBinarySearchAsForEachRowReadsIt() throws Exception {
    StringBuilder text = new StringBuilder("# Hyper sweep manifest v2: one row per experiment\n# sweep: toy\n"
        + "# schema: 0123\n# experiments: 3000\n# invocation: 1 at T: 2000 experiments, 2000 new (rows 0-1999)\n"
        + "# invocation: 2 at T: 1000 experiments, 1000 new (rows 2000-2999)\n"
        + "# lazy: config/generated/toy/.lazy/2\nrow\tid\ttrial\tnote\tconfig\n");
    java.util.Random random = new java.util.Random(5);
    for (int r = 0; r < 3000; r++) {
      String id = String.format("%012x", r * 7919L);
      String note = "\"" + "é€".repeat(random.nextInt(300)) + "\"";   // lines of every length, multi-byte text
      text.append(r).append('\t').append(id).append("\t0\t").append(note).append("\tconfig/generated/toy/")
          .append(id).append("/0/").append(id).append(".toml\n");
    }
    write(text.toString());
    ManifestFile m = ManifestFile.read(tmp, "toy").orElseThrow();
    List<ManifestRow> all = rows(m);
    assertEquals(3000, all.size());
    for (ManifestRow r : all) {
      assertEquals(java.util.Optional.of(r), m.rowAt(r.row()), "row " + r.row());
    }
    assertEquals(Path.of("config/generated/toy/.lazy/2"), m.rowAt(2500).orElseThrow().lazyDir());
    assertEquals(null, m.rowAt(1999).orElseThrow().lazyDir());
    assertEquals(java.util.Optional.empty(), m.rowAt(3000));
    assertEquals(java.util.Optional.empty(), m.rowAt(-1));
    assertEquals(java.util.Optional.of(all.get(1234)), m.find(all.get(1234).id(), 0));
  }

  @Test
  void noManifestIsEmpty() throws Exception {
    assertEquals(java.util.Optional.empty(), ManifestFile.read(tmp, "toy"));
  }

  private String error(String text) throws Exception {
    Path p = write(text);
    return assertThrows(HyperException.class, () -> rows(ManifestFile.read(p))).getMessage();
  }

  @Test
  void aDamagedHeaderIsNamedWithItsLine() throws Exception {
    Path p = tmp.resolve("toy-manifest.tsv");
    assertEquals(p + ":1: not a Hyper sweep manifest (it starts with neither '# Hyper sweep manifest v1' nor"
        + " '# Hyper sweep manifest v2')", error("index\tid\n"));
    assertEquals(p + ":1: a sweep manifest of a version this Hyper does not read: # Hyper sweep manifest v3: x",
        error("# Hyper sweep manifest v3: x\n"));
    assertEquals(p + ": ends before its column line ('row\tid\ttrial...')", error("# Hyper sweep manifest v2: x\n"));
    assertEquals(p + ":2: expected the column line 'row\tid\ttrial\t...\tconfig', found: index\\tid\\ttrial\\tconfig",
        error("# Hyper sweep manifest v2: x\nindex\tid\ttrial\tconfig\n"));
    assertEquals(p + ":2: '# experiments:' is no number: # experiments: many",
        error("# Hyper sweep manifest v2: x\n# experiments: many\nrow\tid\ttrial\tlr\tconfig\n"));
  }

  @Test
  void aDamagedRowIsNamedWithItsLine() throws Exception {
    Path p = tmp.resolve("toy-manifest.tsv");
    assertEquals(p + ":10: expected 5 tab-separated fields (row, id, trial, lr, config), found 4",
        error(V2 + ROW0 + "1\tx\t0\tconfig\n"));
    assertEquals(p + ":9: row and trial must be numbers: x 0", error(V2 + ROW0.replaceFirst("^0", "x")));
    assertEquals(p + ":9: row 1 where row 0 was expected (rows are numbered from 0, in order)",
        error(V2 + ROW1));
    assertEquals(p + ":9: config config/generated/toy/0123456789ab/0/0123456789ab.toml is not where experiment"
        + " 0123456789ab trial 1 lives (config/generated/toy/0123456789ab/1/0123456789ab.toml)",
        error(V2 + ROW0.replaceFirst("\t0\t0.1", "\t1\t0.1")));
    assertEquals(p + ":9: '../x' is no experiment id", error(V2 + "0\t../x\t0\t0.1\tconfig/generated/toy/../x/0/x.toml\n"));
  }

  @Test
  void experimentKeysFindRowsOfHyperIdsAndOfOthers() {
    ExperimentKeys keys = new ExperimentKeys();
    for (int i = 0; i < 5000; i++) {
      assertEquals(true, keys.put(String.format("%012x", i * 7919L), i % 3, i));
    }
    assertEquals(true, keys.put("not-hex", 0, 5000));
    assertEquals(true, keys.put("0123456789ab", 1 << 20, 5001));
    assertEquals(false, keys.put(String.format("%012x", 7919L), 1, 9));
    assertEquals(5002, keys.size());
    assertEquals(4999, keys.row(String.format("%012x", 4999 * 7919L), 4999 % 3));
    assertEquals(-1, keys.row(String.format("%012x", 4999 * 7919L), 2));
    assertEquals(5000, keys.row("not-hex", 0));
    assertEquals(5001, keys.row("0123456789ab", 1 << 20));
  }
}
