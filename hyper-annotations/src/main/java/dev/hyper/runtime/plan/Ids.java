package dev.hyper.runtime.plan;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Experiment ids and seeds, derived by hashing, so that the same sweep gives the same ids and seeds on
 * every machine and every run.
 *
 * <ul>
 *   <li>id: the first 12 hex digits of SHA-256 over the sweep's name and the typed params (each parameter's
 *       jsonnet name and canonical literal, {@link Tla#code()}, in component order). Trials of a point share it.
 *   <li>seed: 63 bits of SHA-256 over the id and the trial, never negative.
 * </ul>
 */
public final class Ids {
  /** Hex digits in an id: 48 bits, so a collision in a sweep of 10^6 points has odds of about 2e-3. */
  public static final int ID_LENGTH = 12;

  private Ids() {}

  /**
   * The number an id of 1 to 15 lowercase hex digits spells (Hyper's ids have {@link #ID_LENGTH}), or -1 for any
   * other text: how tables of experiments key them by a {@code long}.
   */
  public static long hexValue(String id) {
    int n = id.length();
    if (n == 0 || n > 15) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** The id of {@code params} in {@code spec}. */
  public static <P extends Record> String experimentId(SweepSpec<P> spec, P params) {
    return experimentId(spec.name(), Tla.of(spec, params));
  }

  /** The id of the experiment with these top-level arguments in sweep {@code sweep}. */
  public static String experimentId(String sweep, List<Tla> tlas) {
    return experimentId(sweep, tlas, Tla.codes(tlas));
  }

  /**
   * {@link #experimentId(String, List)} where the arguments' {@link Tla#code()}s are made already ({@code codes}, in
   * the same order): a double's takes longer than hashing it.
   */
  public static String experimentId(String sweep, List<Tla> tlas, List<String> codes) {
    StringBuilder canonical = new StringBuilder("hyper-experiment-v1\nsweep=").append(sweep).append('\n');
    for (int i = 0; i < tlas.size(); i++) {
      canonical.append(tlas.get(i).name()).append('=').append(codes.get(i)).append('\n');
    }
    return HexFormat.of().formatHex(sha256(canonical.toString())).substring(0, ID_LENGTH);
  }

  /** The seed of trial {@code trial} of experiment {@code id}: in [0, 2^63). */
  public static long seed(String id, int trial) {
    byte[] h = sha256("hyper-seed-v1\nid=" + id + "\ntrial=" + trial + "\n");
    long seed = 0;
    for (int i = 0; i < 8; i++) {
      seed = (seed << 8) | (h[i] & 0xff);
    }
    return seed & Long.MAX_VALUE;
  }

  /** One digest per thread: looking one up costs more than hashing the few bytes of an id. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  });

  private static byte[] sha256(String text) {
    return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));   // digest() resets it
  }
}
