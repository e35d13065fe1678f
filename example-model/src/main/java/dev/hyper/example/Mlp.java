package dev.hyper.example;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A multi-layer perceptron classifier in plain Java: ReLU hidden layers with inverted dropout, a
 * softmax output, cross-entropy loss and Adam. Single-threaded and driven by one
 * {@link Rng}, so the same seed gives bit-identical weights.
 */
final class Mlp {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final int[] sizes;
  private final double dropout;
  private final double lr;
  /** Per layer l (0-based, from sizes[l] to sizes[l+1]): weights, row-major [out][in]. */
  private final double[][] w;
  private final double[][] b;
  private final double[][] mW;
  private final double[][] vW;
  private final double[][] mB;
  private final double[][] vB;
  private long step;

  Mlp(int inputs, int hiddenDim, int hiddenLayers, int outputs, double dropout, double lr,
      Rng rng) {
    sizes = new int[hiddenLayers + 2];
    sizes[0] = inputs;
    for (int l = 1; l <= hiddenLayers; l++) {
      sizes[l] = hiddenDim;
    }
    sizes[hiddenLayers + 1] = outputs;
    this.dropout = dropout;
    this.lr = lr;
    int layers = sizes.length - 1;
    w = new double[layers][];
    b = new double[layers][];
    mW = new double[layers][];
    vW = new double[layers][];
    mB = new double[layers][];
    vB = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      w[l] = new double[out * in];
      double scale = Math.sqrt(2.0 / in); // He initialisation for ReLU
      for (int i = 0; i < w[l].length; i++) {
        w[l][i] = gaussian(rng) * scale;
      }
      b[l] = new double[out];
      mW[l] = new double[out * in];
      vW[l] = new double[out * in];
      mB[l] = new double[out];
      vB[l] = new double[out];
    }
  }

  private static double gaussian(Rng rng) {
    // Box-Muller; written out so that the numbers depend on nothing but the generator.
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  private int layers() {
    return sizes.length - 1;
  }

  /** One Adam step on the mini-batch {@code rows} of {@code x}; returns the batch's mean loss. */
  double trainBatch(double[][] x, int[] y, int[] rows, int from, int to, Rng rng) {
    int n = to - from;
    int layers = layers();
    double[][] acts = new double[layers + 1][];
    double[][] masks = new double[layers][];
    acts[0] = new double[n * sizes[0]];
    for (int r = 0; r < n; r++) {
      System.arraycopy(x[rows[from + r]], 0, acts[0], r * sizes[0], sizes[0]);
    }
    for (int l = 0; l < layers; l++) {
      acts[l + 1] = affine(l, acts[l], n);
      if (l < layers - 1) {
        masks[l] = reluDropout(acts[l + 1], rng);
      }
    }
    int classes = sizes[layers];
    double[] delta = acts[layers];
    double loss = 0;
    for (int r = 0; r < n; r++) {
      loss += softmaxInPlace(delta, r * classes, classes, y[rows[from + r]]);
      delta[r * classes + y[rows[from + r]]] -= 1.0;
      for (int c = 0; c < classes; c++) {
        delta[r * classes + c] /= n;
      }
    }
    step++;
    for (int l = layers - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] gW = new double[out * in];
      double[] gB = new double[out];
      double[] a = acts[l];
      for (int r = 0; r < n; r++) {
        for (int o = 0; o < out; o++) {
          double d = delta[r * out + o];
          if (d == 0) {
            continue;
          }
          gB[o] += d;
          int wo = o * in;
          int ar = r * in;
          for (int i = 0; i < in; i++) {
            gW[wo + i] += d * a[ar + i];
          }
        }
      }
      double[] previous = null;
      if (l > 0) {
        previous = new double[n * in];
        for (int r = 0; r < n; r++) {
          for (int o = 0; o < out; o++) {
            double d = delta[r * out + o];
            if (d == 0) {
              continue;
            }
            int wo = o * in;
            int pr = r * in;
            for (int i = 0; i < in; i++) {
              previous[pr + i] += d * w[l][wo + i];
            }
          }
        }
        double[] mask = masks[l - 1];
        for (int k = 0; k < previous.length; k++) {
          previous[k] *= mask[k];
        }
      }
      adam(w[l], gW, mW[l], vW[l]);
      adam(b[l], gB, mB[l], vB[l]);
      delta = previous;
    }
    return loss / n;
  }

  /** Mean loss and accuracy on {@code x}, without dropout: {loss, accuracy}. */
  double[] evaluate(double[][] x, int[] y) {
    int layers = layers();
    int classes = sizes[layers];
    double loss = 0;
    int correct = 0;
    for (int r = 0; r < x.length; r++) {
      double[] a = x[r].clone();
      for (int l = 0; l < layers; l++) {
        a = affine(l, a, 1);
        if (l < layers - 1) {
          for (int k = 0; k < a.length; k++) {
            a[k] = Math.max(0, a[k]);
          }
        }
      }
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (a[c] > a[best]) {
          best = c;
        }
      }
      if (best == y[r]) {
        correct++;
      }
      loss += softmaxInPlace(a, 0, classes, y[r]);
    }
    return new double[] {loss / x.length, (double) correct / x.length};
  }

  private double[] affine(int l, double[] a, int n) {
    int in = sizes[l];
    int out = sizes[l + 1];
    double[] z = new double[n * out];
    for (int r = 0; r < n; r++) {
      int ar = r * in;
      for (int o = 0; o < out; o++) {
        int wo = o * in;
        double s = b[l][o];
        for (int i = 0; i < in; i++) {
          s += a[ar + i] * w[l][wo + i];
        }
        z[r * out + o] = s;
      }
    }
    return z;
  }

  /** ReLU then inverted dropout, in place; returns the mask (derivative of both). */
  private double[] reluDropout(double[] z, Rng rng) {
    double keep = 1.0 - dropout;
    double[] mask = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      boolean kept = rng.nextDouble() < keep;
      mask[k] = z[k] > 0 && kept ? 1.0 / keep : 0.0;
      z[k] *= mask[k];
    }
    return mask;
  }

  /** Softmax of z[off..off+n) in place; returns the cross-entropy loss for {@code label}. */
  private static double softmaxInPlace(double[] z, int off, int n, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < n; c++) {
      max = Math.max(max, z[off + c]);
    }
    double sum = 0;
    for (int c = 0; c < n; c++) {
      z[off + c] = Math.exp(z[off + c] - max);
      sum += z[off + c];
    }
    for (int c = 0; c < n; c++) {
      z[off + c] /= sum;
    }
    return -Math.log(Math.max(z[off + label], 1e-300));
  }

  private void adam(double[] p, double[] g, double[] m, double[] v) {
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    for (int k = 0; k < p.length; k++) {
      m[k] = BETA1 * m[k] + (1 - BETA1) * g[k];
      v[k] = BETA2 * v[k] + (1 - BETA2) * g[k] * g[k];
      p[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPSILON);
    }
  }

  /** Writes everything training goes on from: weights, biases, Adam's moments and step. */
  void writeState(java.io.DataOutput out) throws IOException {
    out.writeLong(step);
    for (double[][] part : new double[][][] {w, b, mW, vW, mB, vB}) {
      for (double[] layer : part) {
        writeDoubles(out, layer);
      }
    }
  }

  /** Reads what {@link #writeState} wrote into this model, which must have the same sizes. */
  void readState(java.io.DataInput in) throws IOException {
    step = in.readLong();
    for (double[][] part : new double[][][] {w, b, mW, vW, mB, vB}) {
      for (double[] layer : part) {
        readDoubles(in, layer);
      }
    }
  }

  static void writeDoubles(java.io.DataOutput out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static void readDoubles(java.io.DataInput in, double[] into) throws IOException {
    int n = in.readInt();
    if (n != into.length) {
      throw new IOException("checkpoint holds " + n + " values where the model has " + into.length);
    }
    for (int i = 0; i < n; i++) {
      into[i] = in.readDouble();
    }
  }

  /** A copy of the weights and biases, to keep the best epoch's model. */
  double[][][] snapshot() {
    double[][][] s = new double[2][layers()][];
    for (int l = 0; l < layers(); l++) {
      s[0][l] = w[l].clone();
      s[1][l] = b[l].clone();
    }
    return s;
  }

  /**
   * Writes a snapshot: magic, layer sizes, then each layer's weights and biases as big-endian
   * doubles. The same weights always give the same bytes.
   */
  void write(double[][][] snapshot, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(0x48595052); // "HYPR"
    data.writeInt(sizes.length);
    for (int s : sizes) {
      data.writeInt(s);
    }
    for (int l = 0; l < layers(); l++) {
      for (double v : snapshot[0][l]) {
        data.writeDouble(v);
      }
      for (double v : snapshot[1][l]) {
        data.writeDouble(v);
      }
    }
    data.flush();
  }
}
