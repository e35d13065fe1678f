package dev.hyper.runtime.fork;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.fork.ParentProcess;
import org.junit.jupiter.api.Test;

/** Which command lines fork (the forking itself is driven on the real jar by example-model's ForkedSweepIT). */
class ForkedSweepTest {
  @Test
  void onlyASweepThatWritesForks() {
    assertTrue(ForkedSweep.wanted(new String[] {"sweep", "rnn"}));
    assertTrue(ForkedSweep.wanted(new String[] {"sweep", "rnn", "--out", "runs", "--set", "lr=0.1"}));
    assertFalse(ForkedSweep.wanted(new String[] {}));
    assertFalse(ForkedSweep.wanted(new String[] {"list"}));
    assertFalse(ForkedSweep.wanted(new String[] {"run", "config/generated/rnn/abc/0/abc.toml"}));
    assertFalse(ForkedSweep.wanted(new String[] {"sweep", "--help"}));
    assertFalse(ForkedSweep.wanted(new String[] {"sweep", "rnn", "-h"}));
    assertFalse(ForkedSweep.wanted(new String[] {"sweep", "rnn", "--dry-run"}));
    assertTrue(ForkedSweep.wanted(new String[] {"sweep", "--", "--dry-run"}), "after --, an argument, not an option");
  }

  @Test
  void notInTheForkedChildNorWhenTurnedOff() {
    String was = System.getProperty(ParentProcess.PROPERTY);
    try {
      System.setProperty(ParentProcess.PROPERTY, "1");
      assertFalse(ForkedSweep.wanted(new String[] {"sweep", "rnn"}));
      System.clearProperty(ParentProcess.PROPERTY);
      System.setProperty("hyper.fork", "false");
      assertFalse(ForkedSweep.wanted(new String[] {"sweep", "rnn"}));
    } finally {
      System.clearProperty("hyper.fork");
      if (was != null) {
        System.setProperty(ParentProcess.PROPERTY, was);
      }
    }
  }

  @Test
  void noArchiveWhenTheUserChoseOneOrTurnedSharingOff() {
    dev.hyper.runtime.Required.that(System.getProperty("java.vm.info", "").contains("sharing"),
        "this test JVM runs without class data sharing");
    assertTrue(ClassDataArchive.usable(java.util.List.of("-Xmx256m", "-jar", "model.jar", "sweep", "rnn")));
    assertTrue(ClassDataArchive.usable(java.util.List.of("-jar", "model.jar", "sweep", "-Xshare:off")),
        "an application argument is not a JVM option");
    assertFalse(ClassDataArchive.usable(java.util.List.of("-Xshare:off", "-jar", "model.jar", "sweep", "rnn")));
    assertTrue(ClassDataArchive.usable(java.util.List.of("-Xshare:on", "-jar", "model.jar", "sweep", "rnn")),
        "sharing required: the archive must map");
    assertFalse(ClassDataArchive.usable(java.util.List.of("-XX:SharedArchiveFile=app.jsa", "-jar", "m.jar")));
    assertFalse(ClassDataArchive.usable(java.util.List.of("-XX:ArchiveClassesAtExit=app.jsa", "-jar", "m.jar")));
    assertFalse(ClassDataArchive.usable(java.util.List.of("-XX:-UseSharedSpaces", "-jar", "m.jar")));
  }

  /** A child gets an archive only when its options, this JVM and its class path (jars only) allow one. */
  @Test
  void aChildOnAClassPathWithADirectoryGetsNoArchive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    dev.hyper.runtime.Required.that(System.getProperty("java.vm.info", "").contains("sharing"),
        "this test JVM runs without class data sharing");
    java.nio.file.Path jar = dir.resolve("m.jar");
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar),
        new java.util.jar.Manifest())) {
      out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
    }
    java.nio.file.Path classes = java.nio.file.Files.createDirectories(dir.resolve("classes"));
    java.util.List<String> options = java.util.List.of("-Xmx256m", "-jar", jar.toString());
    dev.hyper.runtime.snapshot.ClassPath jarsOnly = dev.hyper.runtime.snapshot.ClassPath.expand(java.util.List.of(jar));
    dev.hyper.runtime.snapshot.ClassPath withDirectory = dev.hyper.runtime.snapshot.ClassPath.expand(
        java.util.List.of(jar, classes));
    ClassDataArchive archive = ClassDataArchive.forChild(jar, jarsOnly, options);
    assertTrue(archive != null && archive.records(), "a jar-only class path records its archive");
    archive.keepIf(false);
    assertTrue(ClassDataArchive.forChild(jar, withDirectory, options) == null);
    assertTrue(ClassDataArchive.forChild(jar, null, options) == null, "a class path not known");
    assertTrue(ClassDataArchive.forChild(jar, jarsOnly, java.util.List.of("-Xshare:off", "-jar", "m.jar")) == null);
  }
}
