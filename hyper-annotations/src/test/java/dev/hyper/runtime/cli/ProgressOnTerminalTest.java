package dev.hyper.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.Required;
import dev.hyper.runtime.TestJars;
import dev.hyper.runtime.shell.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a terminal (a pseudo-terminal from {@code script}), {@code sweep} (in the JVM it forks, whose input is a pipe)
 * and {@code verify} draw their progress and clear it before their summary; with {@code -Dhyper.progress.after=0}
 * the line is drawn from the first experiment on. Off a terminal they print none (the other tests' exact output).
 */
class ProgressOnTerminalTest {
  private static final String CLEAR = "\r\033[K";

  @TempDir Path tmp;

  @Test
  void sweepAndVerifyDrawTheirProgressAndClearItBeforeTheSummary() throws Exception {
    Path script = Required.tool("script");
    Path jar = TestJars.modelJar(tmp.resolve("build/model.jar"), true);
    Path out = tmp.resolve("out");

    String sweep = onTerminal(script, jar, "sweep", "toy", "--out", out.toString());
    // drawn at the first experiment (the time counts from the command's start), then at most every 200 ms
    assertTrue(Pattern.compile("\\A" + Pattern.quote(CLEAR) + "sweep toy: 1 of 4 experiments \\(25%\\), \\d+ s,"
        + " about \\d+ s left").matcher(sweep).find(), sweep);
    assertTrue(sweep.contains(CLEAR + "sweep toy: 4 experiments, 4 written, 0 already there, under " + out + "\r\n"),
        sweep);

    String verify = onTerminal(script, jar, "verify", "toy", "--out", out.toString(), "--threads", "1");
    assertTrue(Pattern.compile("\\A" + Pattern.quote(CLEAR) + "verify toy: 1 of 4 experiments \\(25%\\), \\d+ s,"
        + " about \\d+ s left").matcher(verify).find(), verify);
    assertTrue(verify.endsWith(CLEAR + "verify: 4 experiments, 4 ok\r\n"), verify);
  }

  /** What {@code java -jar JAR ARGS} prints on a pseudo-terminal, output and error together. */
  private String onTerminal(Path script, Path jar, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dhyper.progress.after=0", "-jar", jar.toString()));
    command.addAll(List.of(args));
    String line = command.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    Process p = new ProcessBuilder(script.toString(), "-qec", line, "/dev/null").directory(tmp.toFile())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), text);
    return text;
  }
}
