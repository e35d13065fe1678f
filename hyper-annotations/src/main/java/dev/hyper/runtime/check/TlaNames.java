package dev.hyper.runtime.check;

/**
 * The default jsonnet top-level argument name of a record component: its snake_case.
 *
 * <p>The rule: a word starts at an upper-case letter that follows a lower-case letter or a digit, and
 * at the last upper-case letter of an acronym that is followed by a lower-case letter. Digits stay with
 * the word before them; existing underscores are kept. Everything is then lower-cased.
 *
 * <pre>
 *   lr            -> lr              hiddenDim     -> hidden_dim
 *   nHiddenLayers -> n_hidden_layers useGPU        -> use_gpu
 *   l2Reg         -> l2_reg          conv1dKernel  -> conv1d_kernel
 *   HTTPServer    -> http_server     hidden_dim    -> hidden_dim
 *   numGPUs       -> num_gp_us       (set {@code @Axis(tla = "num_gpus")})
 * </pre>
 */
public final class TlaNames {
  private TlaNames() {}

  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean afterLowerOrDigit = Character.isLowerCase(prev) || Character.isDigit(prev);
        boolean endsAcronym = Character.isUpperCase(prev)
            && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if ((afterLowerOrDigit || endsAcronym) && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
