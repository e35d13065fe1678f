package dev.hyper.runtime.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalTest {
  @Test
  void cdfMatchesTabulatedValues() {
    assertEquals(0.5, Normal.cdf(0), 1e-7);
    assertEquals(0.975, Normal.cdf(1.959963984540054), 1e-7);
    assertEquals(0.15865525393145707, Normal.cdf(-1), 1e-7);
    assertEquals(0.9986501019683699, Normal.cdf(3), 1e-7);
  }

  @Test
  void farIntervalsKeepTheirRelativePrecision() {
    double expected = 6.220960574271785e-16 - 1.1285884059538408e-19; // Q(8) - Q(9)
    assertEquals(expected, Normal.between(8, 9), expected * 1e-6);
    assertEquals(expected, Normal.between(-9, -8), expected * 1e-6);
  }

  @Test
  void logPdfIsTheDensitysLogarithm() {
    assertEquals(Math.log(1 / Math.sqrt(2 * Math.PI)), Normal.logPdf(0), 1e-12);
    assertEquals(Math.log(Math.exp(-2) / Math.sqrt(2 * Math.PI)), Normal.logPdf(-2), 1e-12);
  }
}
