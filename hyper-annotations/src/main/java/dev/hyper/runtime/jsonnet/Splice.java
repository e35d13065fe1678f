package dev.hyper.runtime.jsonnet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A template's output for placeholder arguments, cut at the placeholders: for a template that passes its
 * parameters through ({@link PassThrough}), the output for other arguments is the pieces joined with each
 * argument's rendering where its placeholder was. Each placeholder is a string no template writes (a random
 * word and the argument's number), so each appears, quoted, exactly where the output has the argument.
 * Immutable.
 */
final class Splice {
  private final byte[][] pieces;
  private final int[] slots;
  private final int constantBytes;

  private Splice(byte[][] pieces, int[] slots) {
    this.pieces = pieces;
    this.slots = slots;
    int n = 0;
    for (byte[] p : pieces) {
      n += p.length;
    }
    this.constantBytes = n;
  }

  /** The placeholder of argument {@code i}: a string that starts with {@code word}. */
  static String placeholder(String word, int i) {
    return word + i;
  }

  /**
   * {@code rendered}, the output for {@code arguments} arguments given as {@link #placeholder placeholders}
   * starting with {@code word}, cut at them; null if {@code word} appears anywhere but in a whole placeholder
   * (then the output was not made by passing the placeholders through).
   */
  static Splice cut(byte[] rendered, int arguments, String word) {
    byte[] w = word.getBytes(StandardCharsets.US_ASCII);
    List<byte[]> pieces = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    int start = 0;
    for (int at = indexOf(rendered, w, 0); at >= 0; at = indexOf(rendered, w, at + 1)) {
      int digits = at + w.length;
      int end = digits;
      while (end < rendered.length && rendered[end] >= '0' && rendered[end] <= '9') {
        end++;
      }
      if (at == 0 || rendered[at - 1] != '"' || end == digits || end >= rendered.length || rendered[end] != '"'
          || end - digits > 9) {
        return null;
      }
      int slot = Integer.parseInt(new String(rendered, digits, end - digits, StandardCharsets.US_ASCII));
      if (slot >= arguments || at - 1 < start) {
        return null;
      }
      pieces.add(java.util.Arrays.copyOfRange(rendered, start, at - 1));
      slots.add(slot);
      start = end + 1;
    }
    pieces.add(java.util.Arrays.copyOfRange(rendered, start, rendered.length));
    return new Splice(pieces.toArray(byte[][]::new), slots.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The output for arguments rendered as {@code atoms}, one per argument, in the placeholders' numbering. */
  byte[] join(byte[][] atoms) {
    int size = constantBytes;
    for (int s : slots) {
      size += atoms[s].length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (int i = 0; i < slots.length; i++) {
      System.arraycopy(pieces[i], 0, out, at, pieces[i].length);
      at += pieces[i].length;
      byte[] a = atoms[slots[i]];
      System.arraycopy(a, 0, out, at, a.length);
      at += a.length;
    }
    byte[] last = pieces[slots.length];
    System.arraycopy(last, 0, out, at, last.length);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
