package dev.hyper.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.TimeZone;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class path as the JVM reads it, classes directories as deterministic jars, and launcher jars. */
public class SnapshotFilesTest {
  @TempDir Path tmp;

  public static Path jar(Path file, String mainClass, String classPath, String... entries) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    Files.createDirectories(file.getParent());
    try (OutputStream o = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(o)) {
      JarEntry manifest = new JarEntry(JarFile.MANIFEST_NAME);     // fixed times: the same jar, the same bytes
      manifest.setTime(0);
      j.putNextEntry(manifest);
      m.write(j);
      j.closeEntry();
      for (String e : entries) {
        JarEntry entry = new JarEntry(e);
        entry.setTime(0);
        j.putNextEntry(entry);
        j.write(e.getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return file;
  }

  @Test
  void manifestClassPathsAreFollowedDepthFirstEachEntryOnceMissingOnesSkipped() throws Exception {
    Path a = jar(tmp.resolve("app/a.jar"), "x.Main", "lib/b.jar lib/c.jar ../classes/ lib/gone.jar ../shadow",
        "x/Main.class");
    Files.createDirectories(tmp.resolve("shadow"));                     // a directory named without a /
    jar(tmp.resolve("app/lib/b.jar"), null, "c.jar d.jar");
    jar(tmp.resolve("app/lib/c.jar"), null, null);
    jar(tmp.resolve("app/lib/d.jar"), null, "b.jar");                  // a cycle back to b
    Files.createDirectories(tmp.resolve("classes"));
    ClassPath cp = ClassPath.expand(List.of(a, tmp.resolve("app/lib/c.jar")));
    assertEquals(List.of(a, tmp.resolve("app/lib/b.jar"), tmp.resolve("app/lib/c.jar"), tmp.resolve("app/lib/d.jar"),
        tmp.resolve("classes")), cp.entries());
    assertEquals(List.of(tmp.resolve("app/lib/gone.jar") + " (named by the Class-Path of " + a + ")",
        tmp.resolve("shadow") + " (a directory named without a trailing /, which the JVM skips, by the Class-Path of "
            + a + ")"), cp.missing());
    assertTrue(cp.holds("x.Main"));
    assertFalse(cp.holds("x.Other"));
    assertTrue(cp.hasDirectory());
  }

  @Test
  void anEntryThatIsNeitherADirectoryNorAReadableJarIsRefused() throws Exception {
    Path notAJar = Files.writeString(tmp.resolve("notes.jar"), "plain text");
    HyperException e = assertThrows(HyperException.class, () -> ClassPath.expand(List.of(notAJar)));
    assertEquals("the class path names " + notAJar + ", which is not a readable jar (zip END header not found)",
        e.getMessage());
    Path fifo = tmp.resolve("fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    HyperException f = assertThrows(HyperException.class, () -> ClassPath.expand(List.of(fifo)));
    assertEquals("the class path names " + fifo + ", which is neither a jar nor a directory", f.getMessage());
  }

  @Test
  void aClassesDirectoryGivesTheSameJarWhateverItsFilesTimesAndTheTimeZone() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("classes/x"));
    Files.writeString(dir.resolve("B.class"), "b");
    Files.writeString(dir.resolve("A.class"), "a");
    Files.createDirectories(tmp.resolve("classes/META-INF"));
    byte[] first = dirJar(tmp.resolve("classes"));
    Files.setLastModifiedTime(dir.resolve("A.class"), FileTime.fromMillis(0));
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertArrayEquals(first, dirJar(tmp.resolve("classes")));
    } finally {
      TimeZone.setDefault(zone);
    }
    Path copy = Files.writeString(Files.createDirectories(tmp.resolve("copy")).resolve("c.jar"), "");
    Files.write(copy, first);
    try (JarFile j = new JarFile(copy.toFile())) {
      assertEquals(List.of("META-INF/", "x/", "x/A.class", "x/B.class"),
          j.stream().map(JarEntry::getName).toList());
      assertEquals("a", new String(j.getInputStream(j.getEntry("x/A.class")).readAllBytes(), StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("A.class"), "changed");
    assertNotEquals(Sha256.of(first), Sha256.of(dirJar(tmp.resolve("classes"))));
  }

  private static byte[] dirJar(Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DirectoryJar.write(dir, out);
    return out.toByteArray();
  }

  @Test
  void oneJarThatStartsItselfIsTheModelJarAnythingElseGetsALauncherJar() throws Exception {
    Path fat = jar(tmp.resolve("fat.jar"), "x.Main", null, "x/Main.class");
    ProgramSnapshot s = ProgramSnapshot.of(Program.ofJar(fat));
    assertEquals(Sha256.of(fat), s.snapshot().sha256());
    assertNull(s.launcher());
    assertEquals("x.Main", s.snapshot().mainClass());

    Path noMain = jar(tmp.resolve("nomain.jar"), null, null, "x/Main.class");
    Path thin = jar(tmp.resolve("thin.jar"), "x.Main", "nomain.jar", "y/Other.class");
    for (Path p : List.of(noMain, thin)) {
      ProgramSnapshot l = ProgramSnapshot.of(Program.ofJar(p));
      assertEquals(Sha256.of(l.launcher()), l.snapshot().sha256());
      Path launcher = Files.write(tmp.resolve("launcher-" + p.getFileName()), l.launcher());
      assertEquals(l.entries(), LauncherJar.entries(launcher));
      try (JarFile j = new JarFile(launcher.toFile())) {
        Attributes a = j.getManifest().getMainAttributes();
        assertEquals(p == thin ? "x.Main" : Program.DEFAULT_MAIN, a.getValue(Attributes.Name.MAIN_CLASS));
        assertEquals(String.join(" ", l.entries().stream().map(e -> "../../../.snapshots/" + e.fileName()).toList()),
            a.getValue(Attributes.Name.CLASS_PATH));
      }
      assertArrayEquals(l.launcher(), ProgramSnapshot.of(Program.ofJar(p)).launcher(), "the same program, the same bytes");
    }
    assertEquals(List.of("thin.jar", "nomain.jar"),
        ProgramSnapshot.of(Program.ofJar(thin)).entries().stream().map(StoredEntry::name).toList());
    assertEquals(List.of(), LauncherJar.entries(fat), "a fat jar lists no entries");
  }

  @Test
  void aStoredJarLosesItsClassPathAndADirectoryJarFollowsLinksAsTheJvmDoes() throws Exception {
    Path dep = jar(tmp.resolve("lib/dep.jar"), null, null, "d/D.class");
    Path thin = jar(tmp.resolve("thin.jar"), "x.Main", "lib/dep.jar file:///elsewhere/live/", "x/Main.class");
    ProgramSnapshot s = ProgramSnapshot.of(Program.ofJar(thin));
    SnapshotStore store = new SnapshotStore(tmp.resolve("out"));
    s.storeIn(store, new java.util.ArrayList<>());
    Path stored = store.pathOf(s.entries().get(0).sha256());
    try (JarFile j = new JarFile(stored.toFile())) {
      assertNull(j.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH), "no way out of the store");
      assertEquals("x.Main", j.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
      assertEquals("x/Main.class", new String(j.getInputStream(j.getEntry("x/Main.class")).readAllBytes(),
          StandardCharsets.UTF_8));
    }
    assertEquals(s.entries().get(0), ProgramSnapshot.describe(thin), "the same jar, the same stored form");
    assertEquals(Sha256.of(dep), s.entries().get(1).sha256(), "a jar without Class-Path is stored as it is");

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path real = Files.createDirectories(tmp.resolve("real/x"));
    Files.writeString(real.resolve("Main.class"), "main");
    Files.createSymbolicLink(classes.resolve("x"), real);
    try (JarFile j = new JarFile(Files.write(tmp.resolve("dir.jar"), dirJar(classes)).toFile())) {
      assertEquals(List.of("x/", "x/Main.class"), j.stream().map(JarEntry::getName).toList());
    }
  }
}
