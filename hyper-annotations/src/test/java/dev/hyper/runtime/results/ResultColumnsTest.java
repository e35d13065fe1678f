package dev.hyper.runtime.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.manifest.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columns results keeps per experiment: the sort, the points' rings, the manifest's row offsets, the values. */
class ResultColumnsTest {
  @TempDir Path tmp;

  @Test
  void theSortIsStableAsListSortIs() {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 2, 3, 17, 1000, 4097}) {
      int[] key = new int[n];
      int[] a = new int[n];
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        key[i] = random.nextInt(5);
        a[i] = i;
        expected.add(i);
      }
      expected.sort(Comparator.comparingInt(i -> key[i]));
      IntSort.sort(a, n, (x, y) -> Integer.compare(key[x], key[y]));
      assertEquals(expected, java.util.Arrays.stream(a).boxed().toList(), "n=" + n);
    }
  }

  @Test
  void aPointsTrialsFormOneRingInManifestOrderWhereverTheyAre() {
    PointGroups g = new PointGroups(2);
    String[] ids = {"0a1b2c3d4e5f", "ffffffffffff", "not-hex_id", "0a1b2c3d4e5f", "ffffffffffff", "x",
        "not-hex_id", "0a1b2c3d4e5f", "0000000000000000000000", "0"};
    for (String id : ids) {
      g.add(id);
    }
    g.finish();
    assertTrue(g.anyShared());
    for (int p = 0; p < ids.length; p++) {
      List<Integer> members = new ArrayList<>();
      int first = g.first(p);
      int x = first;
      do {
        members.add(x);
        x = g.next(x);
      } while (x != first);
      List<Integer> expected = new ArrayList<>();
      for (int q = 0; q < ids.length; q++) {
        if (ids[q].equals(ids[p])) {
          expected.add(q);
        }
      }
      assertEquals(expected, members, ids[p]);
    }
    assertEquals(PointGroups.key("0"), PointGroups.key("0"));
    assertTrue(PointGroups.key("0") != PointGroups.key("00"), "the length tells 0 from 00");
    assertEquals(0, PointGroups.key("0000000000000000"), "16 digits: no key, looked up in the map");
    PointGroups many = new PointGroups(1);
    for (int i = 0; i < 5000; i++) {
      many.add(String.format("%012x", i % 2500));
    }
    many.finish();
    assertEquals(2499, many.first(4999), "the last point's first experiment, 2500 rows before its second");
    assertEquals(4999, many.next(2499));
    assertEquals(2499, many.next(4999));
  }

  private ManifestFile manifest(String rows) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    String header = "# Hyper sweep manifest v2: test\n# sweep: s\n# experiments: 3\nrow\tid\ttrial\tlr\tnote\tconfig\n";
    Files.write(out.resolve("s-manifest.tsv"), (header + rows).getBytes(StandardCharsets.UTF_8));
    return ManifestFile.read(out, "s").orElseThrow();
  }

  private static String row(int n, String id, int trial, String lr, String note, String end) {
    return n + "\t" + id + "\t" + trial + "\t" + lr + "\t" + note + "\tconfig/generated/s/" + id + "/" + trial + "/"
        + id + ".toml" + end;
  }

  @Test
  void aRowIsReadBackFromItsOffsetWhateverEndsTheLines() throws Exception {
    String rows = row(0, "aaaaaaaaaaaa", 0, "0.1", "\"ünï 日本\"", "\r\n") + "\r\n" + row(1, "aaaaaaaaaaaa", 1, "0.1",
        "\"ünï 日本\"", "\r") + "\n" + row(2, "bbbbbbbbbbbb", 0, "0.2", "\"x\"", "");
    ManifestFile m = manifest(rows);
    List<String> seen = new ArrayList<>();
    m.forEachRow(r -> seen.add(r.id() + "/" + r.trial() + " " + r.codes()));
    try (ManifestLines lines = ManifestLines.open(m)) {
      assertEquals(3, lines.size(), "the rows forEachRow reads, empty lines left out");
      for (int i = 2; i >= 0; i--) {
        String[] f = lines.fields(i);
        assertEquals(seen.get(i), f[1] + "/" + f[2] + " " + List.of(f[3], f[4]));
      }
    }
  }

  @Test
  void aManifestReplacedByOneOfOtherColumnsOrRowsIsNoRowOfTheOld() throws Exception {
    ManifestFile m = manifest(row(0, "aaaaaaaaaaaa", 0, "0.1", "\"a\"", "\n") + row(1, "bbbbbbbbbbbb", 0, "0.2",
        "\"b\"", "\n"));
    try (ManifestLines lines = ManifestLines.open(m)) {
      assertEquals("bbbbbbbbbbbb", lines.fields(1)[1]);
    }
    Files.writeString(m.path(), Files.readString(m.path()).replace("\tnote\t", "\tmode\t"));
    assertEquals(m.path() + ": changed while it was read (another sweep of other columns replaced it); run the"
        + " command again", assertThrows(dev.hyper.runtime.error.HyperException.class, () -> ManifestLines.open(m))
        .getMessage());
    Files.writeString(m.path(), Files.readString(m.path()).replace("\tmode\t", "\tnote\t").replace("1\tbbbb",
        "7\tbbbb"));
    try (ManifestLines lines = ManifestLines.open(m)) {
      assertEquals(m.path() + ": changed while it was read (row 1 is not the row it was); run the command again",
          assertThrows(IOException.class, () -> lines.fields(1)).getMessage());
    }
  }

  @Test
  void aParameterWithMoreValuesThanTheReportListsIsGroupedByRanges() throws Exception {
    ParamColumns c = new ParamColumns(List.of("lr", "note", "missing"), List.of("lr", "note"), 4);
    for (int i = 0; i < 1500; i++) {
      String lr = Double.toString(Math.pow(10, -6 + 5.0 * i / 1499));  // 1e-6 .. 0.1: a log scale
      c.addTlas(List.of(new dev.hyper.runtime.Tla("lr", Double.valueOf(lr), dev.hyper.runtime.Param.Kind.DOUBLE),
          new dev.hyper.runtime.Tla("note", "n" + i, dev.hyper.runtime.Param.Kind.STRING)));
    }
    c.regroup();
    c.finish();
    assertEquals(ParamColumns.BINS, c.values(0));
    assertEquals(new ParamColumns.Range(1e-6, 0.1, true), c.range(0));
    assertEquals("1.000e-06..3.162e-06", c.text(0, 0));
    assertEquals("0.0316..0.1000", c.text(0, ParamColumns.BINS - 1));
    int last = -1;
    for (int p = 0; p < 1500; p++) {
      assertTrue(c.value(0, p) >= last, "ranges rise with the values");
      last = c.value(0, p);
    }
    assertEquals(0, c.value(0, 0));
    assertEquals(ParamColumns.BINS - 1, c.value(0, 1499));
    assertEquals(150, java.util.stream.IntStream.range(0, 1500).filter(p -> c.value(0, p) == 3).count(),
        "equal ranges of log10(lr) hold as many of these values");
    assertEquals(ParamColumns.MAX_VALUES + 1, c.values(1), "texts: the first 1000, then the others");
    assertEquals(ParamColumns.OTHERS, c.text(1, c.value(1, 1499)));
    assertEquals("n999", c.text(1, c.value(1, 999)));
    assertFalse(c.range(1) != null);
    assertEquals(1, c.values(2));
    assertEquals("", c.text(2, c.value(2, 7)), "a parameter the rows do not have is empty");
  }

  @Test
  void rankingPutsTheMetricFirstByGoalThenTheOthersByStatusTiesInManifestOrder() {
    double n = Double.NaN;
    double[] metric = {0.5, n, 0.7, 0.5, n, 0.7, -0.0, 0.0};
    byte[] status = {0, (byte) SweepResults.Status.PENDING.ordinal(), 0, 0, (byte) SweepResults.Status.FAILED.ordinal(),
        0, 0, 0};
    assertArrayEquals(new int[] {2, 5, 0, 3, 7, 6, 4, 1}, ColumnRows.rank(8, metric, status, false));
    assertArrayEquals(new int[] {6, 7, 0, 3, 2, 5, 4, 1}, ColumnRows.rank(8, metric, status, true));
  }
}
