package dev.hyper.runtime.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TpeSettingsTest {
  @Test
  void theGoodGroupIsATenthRoundedUpAtMost25() {
    assertEquals(1, TpeSettings.good(1));
    assertEquals(1, TpeSettings.good(10));
    assertEquals(2, TpeSettings.good(11));
    assertEquals(25, TpeSettings.good(250));
    assertEquals(25, TpeSettings.good(1000));
  }

  @Test
  void defaultsAreOptunasNumbers() {
    assertEquals(new TpeSettings(10, 24, 1.0), TpeSettings.DEFAULTS);
  }

  @Test
  void badNumbersAreRejected() {
    assertEquals("startup must be >= 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new TpeSettings(0, 24, 1)).getMessage());
    assertEquals("candidates must be >= 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new TpeSettings(10, 0, 1)).getMessage());
    assertEquals("priorWeight must be finite and > 0, was 0.0",
        assertThrows(IllegalArgumentException.class, () -> new TpeSettings(10, 24, 0)).getMessage());
    assertEquals("priorWeight must be finite and > 0, was NaN",
        assertThrows(IllegalArgumentException.class, () -> new TpeSettings(10, 24, Double.NaN)).getMessage());
  }
}
