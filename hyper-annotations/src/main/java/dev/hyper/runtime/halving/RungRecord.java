package dev.hyper.runtime.halving;

import java.util.Objects;

/**
 * One experiment's value at one rung: the file {@code .rungs/K/ID-TRIAL}, written once.
 *
 * @param id the experiment's id
 * @param trial its trial
 * @param rung the rung, 0 for the first
 * @param resource the rung's resource, {@code min * reduction^rung}
 * @param used the resource the run had logged when it reached the rung (at least {@code resource})
 * @param step the step it logged then
 * @param value its value of the metric there (NaN when it logged NaN)
 * @param time when it was recorded (ISO-8601, UTC)
 * @param host the machine that recorded it
 * @param pid the process that recorded it
 */
public record RungRecord(String id, int trial, int rung, long resource, double used, long step, double value,
    String time, String host, long pid) {
  public RungRecord {
    Objects.requireNonNull(id);
    Objects.requireNonNull(time);
    Objects.requireNonNull(host);
  }

  /** {@code ID-TRIAL}, the record's file name and how decisions name the experiment. */
  public String name() {
    return id + "-" + trial;
  }
}
