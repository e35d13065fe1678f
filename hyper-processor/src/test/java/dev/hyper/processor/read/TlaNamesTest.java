package dev.hyper.processor.read;

import static com.google.common.truth.Truth.assertThat;

import dev.hyper.runtime.check.TlaNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlaNamesTest {
  @ParameterizedTest
  @CsvSource({
      "lr, lr",
      "hiddenDim, hidden_dim",
      "nHiddenLayers, n_hidden_layers",
      "useGPU, use_gpu",
      "l2Reg, l2_reg",
      "conv1dKernel, conv1d_kernel",
      "layer2Size, layer2_size",
      "HTTPServer, http_server",
      "hidden_dim, hidden_dim",
      "already_Snake, already_snake",
      "numGPUs, num_gp_us",
      "x, x",
  })
  void snakeCase(String component, String tla) {
    assertThat(TlaNames.snakeCase(component)).isEqualTo(tla);
  }
}
