package dev.hyper.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import dev.hyper.runtime.check.Suggest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private static final List<String> RNN = List.of("lr", "dropout", "hidden_dim", "n_hidden_layers", "debug");

  @Test
  void nearMissesAreSuggested() {
    assertThat(Suggest.nearest("hiden_dim", RNN)).hasValue("hidden_dim");
    assertThat(Suggest.nearest("dropuot", RNN)).hasValue("dropout");
    assertThat(Suggest.nearest("n_hiden_layer", RNN)).hasValue("n_hidden_layers");
    assertThat(Suggest.nearest("lR", RNN)).hasValue("lr");
  }

  @Test
  void caseAndSeparatorVariantsWinTies() {
    assertThat(Suggest.nearest("ADAMW", List.of("ADAM", "ADAM_W", "SGD"))).hasValue("ADAM_W");
    assertThat(Suggest.nearest("hiddenDim", RNN)).hasValue("hidden_dim");
  }

  @Test
  void farNamesAreNotSuggested() {
    assertThat(Suggest.nearest("optimizer", RNN)).isEmpty();
    assertThat(Suggest.nearest("momentum", RNN)).isEmpty();
    assertThat(Suggest.nearest("seed", List.of("optimizer"))).isEmpty();
    assertThat(Suggest.nearest("lr", List.of("lr"))).isEmpty();
  }

  @Test
  void thresholdIsTwoOrAThirdOfTheName() {
    assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggest.nearest("abcdefghi", List.of("abcdefxyz"))).hasValue("abcdefxyz"); // 3 <= 9/3
    assertThat(Suggest.nearest("abcdefgh", List.of("abcdexyz"))).isEmpty(); // 3 > max(2, 8/3)
  }
}
