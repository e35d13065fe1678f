package dev.hyper.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} of a lazy sweep on the real jar (a class path of jars, child JVMs, the class-data cache under a
 * temporary {@code XDG_CACHE_HOME}): its first task records a class-data archive of the invocation's
 * {@code model.jar}, kept once that run succeeded; the next runs map it and record nothing. That the archive fits
 * is checked by the JVM itself: with {@code -Xshare:on} a JVM that cannot map it does not start, as a copy of
 * the jar elsewhere shows.
 */
class ExecArchiveTest {
  @TempDir Path tmp;

  @Test
  void aLazySweepsTasksRecordOneArchiveOfTheirJarAndMapIt() throws Exception {
    dev.hyper.runtime.Required.that(System.getProperty("java.vm.info", "").contains("sharing"),
        "this test JVM runs without class data sharing");
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"), true);
    Path out = tmp.resolve("out");
    Path cache = tmp.resolve("cache/hyper/cds");
    assertEquals(0, java(jar, "sweep", "toy", "--out", out.toString(), "--lazy").code);
    List<Path> before = files(cache, ".jsa");

    Result exec = java(jar, "exec", "toy", "--out", out.toString(), "--jobs", "1");
    assertEquals(0, exec.code, exec.text);
    List<Path> made = files(cache, ".jsa");
    made.removeAll(before);
    assertEquals(1, made.size(), "one archive for the invocation's jar: " + made);
    assertEquals(List.of(), files(cache, ".tmp"), "no recording left behind");
    Path archive = made.get(0);
    FileTime recorded = Files.getLastModifiedTime(archive);

    Path lazyJar = out.resolve("config/generated/toy/.lazy/1/model.jar");
    String toml = ManifestFile.read(out, new dev.hyper.runtime.TestProvider().spec()).orElseThrow().rowAt(1).orElseThrow().config();
    Result maps = javaWith(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", lazyJar.toString(),
        "run", toml), out);
    assertEquals(0, maps.code, "the archive maps for the jar it was recorded for: " + maps.text);
    Path copy = Files.copy(lazyJar, Files.createDirectories(tmp.resolve("elsewhere")).resolve("model.jar"));
    Result elsewhere = javaWith(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", copy.toString(),
        "--help"), out);
    assertNotEquals(0, elsewhere.code, "a JVM that cannot map it does not start: " + elsewhere.text);

    Result again = java(jar, "exec", "toy", "--out", out.toString(), "--jobs", "2", "--rerun-all");
    assertEquals(0, again.code, again.text);
    assertTrue(again.text.contains("exec: 4 done, 0 failed, 0 not run"), again.text);
    List<Path> after = files(cache, ".jsa");
    after.removeAll(before);
    assertEquals(made, after, "mapped, not recorded again");
    assertEquals(recorded, Files.getLastModifiedTime(archive));
  }

  private static List<Path> files(Path dir, String suffix) throws Exception {
    if (!Files.isDirectory(dir)) {
      return new ArrayList<>();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList());
    }
  }

  private record Result(int code, String text) {}

  private Result java(Path jar, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return javaWith(command, tmp);
  }

  private Result javaWith(List<String> options, Path dir) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    b.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    Process p = b.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), text);
  }
}
