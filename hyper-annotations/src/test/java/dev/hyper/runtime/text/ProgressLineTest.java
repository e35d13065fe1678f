package dev.hyper.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the progress line draws, and when, on a clock the test moves. */
class ProgressLineTest {
  private static final String CLEAR = "\r\033[K";
  private long now = TimeUnit.SECONDS.toNanos(100);
  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private ProgressLine line(boolean terminal, long total) {
    return new ProgressLine(new PrintWriter(err, true), terminal, "verify rnn", total, () -> now);
  }

  private void at(double seconds) {
    now = TimeUnit.SECONDS.toNanos(100) + (long) (seconds * 1e9);
  }

  @Test
  void nothingInTheFirstSecondThenAtMostFiveTimesASecondWithTheTimeLeftAtTheRecentRate() {
    ProgressLine p = line(true, 1000);
    at(0.5);
    p.step();
    assertEquals("", err.toString(), "a command done within a second draws nothing");
    at(1.0);
    p.step();
    assertEquals(CLEAR + "verify rnn: 2 of 1,000 experiments (0%), 1 s, about 499 s left", err.toString());
    at(1.1);
    p.step();
    assertEquals(1, err.toString().split("\r", -1).length - 1, "not drawn again within 200 ms");
    for (int i = 0; i < 97; i++) {
      p.step();
    }
    at(1.2);
    p.step();                                            // 101 done, 99 of them in the 0.2 s since the last draw
    assertEquals(CLEAR + "verify rnn: 101 of 1,000 experiments (10%), 1 s, about 2 s left",
        err.toString().substring(err.toString().lastIndexOf('\r')));
    p.close();
    assertEquals(CLEAR, err.toString().substring(err.toString().lastIndexOf('\r')), "cleared at the end");
  }

  @Test
  void aLinePrintedMeanwhileStandsAloneAndAnUnknownTotalIsCounted() {
    ProgressLine p = line(true, 0);
    at(2);
    p.step();
    assertEquals(CLEAR + "verify rnn: 1 experiment, 2 s", err.toString());
    p.println(new PrintWriter(out), "DIFFERS  x.toml: y");
    assertEquals(CLEAR + "verify rnn: 1 experiment, 2 s" + CLEAR, err.toString(), "cleared before the line");
    assertEquals("DIFFERS  x.toml: y" + System.lineSeparator(), out.toString());
    at(2.5);
    p.step();
    assertEquals(CLEAR + "verify rnn: 2 experiments, 2 s", err.toString().substring(err.toString().lastIndexOf(
        CLEAR)));
  }

  @Test
  void offATerminalNothingIsDrawn() {
    ProgressLine p = line(false, 10);
    at(5);
    for (int i = 0; i < 10; i++) {
      p.step();
    }
    p.println(new PrintWriter(out, true), "MISSING  x.toml: gone");
    p.close();
    assertEquals("", err.toString());
    assertEquals("MISSING  x.toml: gone" + System.lineSeparator(), out.toString());
  }
}
