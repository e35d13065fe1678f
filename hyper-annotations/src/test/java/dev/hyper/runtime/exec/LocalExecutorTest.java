package dev.hyper.runtime.exec;

import dev.hyper.runtime.manifest.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor on real child JVMs, with a fake model jar whose experiments exit or sleep as told. */
class LocalExecutorTest {
  @TempDir Path root;

  private Task task(String name, String behaviour) throws Exception {
    Path confDir = Path.of("config", name, "0");                  // laid out as ID/TRIAL: label NAME/0
    Files.createDirectories(root.resolve(confDir));
    Path jar = root.resolve(confDir).resolve("model.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeModel.class.getName());
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
      String entry = FakeModel.class.getName().replace('.', '/') + ".class";
      j.putNextEntry(new JarEntry(entry));
      try (var in = FakeModel.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(j);
      }
      j.closeEntry();
    }
    Path conf = confDir.resolve(name + ".toml");
    Files.writeString(root.resolve(conf), behaviour);
    return new Task(name, root, confDir, conf, Path.of("model", name));
  }

  @Test
  void runsEveryTaskInParallelAndReportsExitCodesInTaskOrder() throws Exception {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(task("ok" + i, "exit 0"));
    }
    tasks.add(task("bad", "exit 5"));
    StringWriter text = new StringWriter();
    Progress progress = new Progress(new PrintWriter(text), false, tasks.size());
    List<LocalExecutor.Outcome> outcomes = new LocalExecutor(2, LocalExecutor.currentJava(), progress).run(tasks);
    progress.finish();

    assertEquals(tasks, outcomes.stream().map(LocalExecutor.Outcome::task).toList());
    assertEquals(List.of(0, 0, 0, 0, 5), outcomes.stream().map(LocalExecutor.Outcome::exitCode).toList());
    assertEquals("fake model: exit 5\n", Files.readString(tasks.get(4).log()), "output goes to the log");
    assertTrue(text.toString().contains("failed: bad/0"), text.toString());
    assertTrue(text.toString().contains("exec: 4 done, 1 failed, 0 not run"), text.toString());
  }

  /**
   * stop() ends the running experiments with SIGTERM (exit 143: the JVM ran its shutdown hooks), not by
   * waiting for them nor with SIGKILL, and starts none of those left. It is called once both have started
   * sleeping, as their logs say.
   */
  @Test
  void stopEndsRunningExperimentsAndStartsNoMore() throws Exception {
    List<Task> tasks = List.of(task("slow1", "sleep 600"), task("slow2", "sleep 600"), task("never", "exit 0"));
    LocalExecutor executor = new LocalExecutor(2, LocalExecutor.currentJava(),
        new Progress(new PrintWriter(new StringWriter()), false, 3));
    java.util.concurrent.CompletableFuture<List<LocalExecutor.Outcome>> run =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return executor.run(tasks);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!sleeping(tasks.get(0)) || !sleeping(tasks.get(1))) {
      assertTrue(System.nanoTime() < deadline, "the two slow experiments did not start within 60 s");
      Thread.sleep(10);
    }
    executor.stop(60);
    List<LocalExecutor.Outcome> outcomes = run.get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(List.of(143, 143), outcomes.stream().map(LocalExecutor.Outcome::exitCode).toList(),
        "both ended by SIGTERM: " + outcomes);
    assertEquals(tasks.subList(0, 2), outcomes.stream().map(LocalExecutor.Outcome::task).toList());
    for (Task slow : tasks.subList(0, 2)) {
      assertEquals("fake model: sleep 600\nfake model: sleeping\nfake model: stopped\n", Files.readString(slow.log()));
    }
    assertTrue(Files.notExists(tasks.get(2).log()), "the third never started");
    assertTrue(executor.stopped());
  }

  private static boolean sleeping(Task task) throws java.io.IOException {
    return Files.exists(task.log()) && Files.readString(task.log()).contains("fake model: sleeping\n");
  }
}
