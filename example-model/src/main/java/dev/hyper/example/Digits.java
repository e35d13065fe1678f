package dev.hyper.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The UCI handwritten digits (1,797 8x8 images, 10 classes), read from the jar, scaled to [0, 1] and
 * split into training and validation sets by a fixed seed, so every experiment sees the same split.
 */
public record Digits(double[][] trainX, int[] trainY, double[][] validX, int[] validY) {
  public static final int FEATURES = 64;
  public static final int CLASSES = 10;

  /**
   * Loads {@code resource} from the classpath.
   *
   * @param validationFraction the share of rows held out for validation
   * @param splitSeed the seed of the shuffle that picks the held-out rows
   * @param maxValue the largest pixel value, for scaling to [0, 1]
   */
  public static Digits load(String resource, double validationFraction, long splitSeed, double maxValue)
      throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream raw = Digits.class.getClassLoader().getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IOException("data set '" + resource + "' is not on the classpath");
      }
      BufferedReader in = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String[] cells = line.split(",");
        if (cells.length != FEATURES + 1) {
          throw new IOException(resource + ":" + lineNo + ": expected " + (FEATURES + 1)
              + " values, found " + cells.length);
        }
        double[] x = new double[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
          x[i] = Integer.parseInt(cells[i].trim()) / maxValue;
        }
        rows.add(x);
        labels.add(Integer.parseInt(cells[FEATURES].trim()));
      }
    }
    int n = rows.size();
    int[] order = shuffled(n, new Rng(splitSeed));
    int nValid = (int) Math.round(n * validationFraction);
    double[][] vx = new double[nValid][];
    int[] vy = new int[nValid];
    double[][] tx = new double[n - nValid][];
    int[] ty = new int[n - nValid];
    for (int k = 0; k < n; k++) {
      int row = order[k];
      if (k < nValid) {
        vx[k] = rows.get(row);
        vy[k] = labels.get(row);
      } else {
        tx[k - nValid] = rows.get(row);
        ty[k - nValid] = labels.get(row);
      }
    }
    return new Digits(tx, ty, vx, vy);
  }

  /** A Fisher-Yates permutation of 0..n-1 drawn from {@code rng}. */
  static int[] shuffled(int n, Rng rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
