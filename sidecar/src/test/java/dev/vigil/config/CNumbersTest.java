package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CNumbersTest {
  @Test
  void atoiReadsTheLeadingNumberLikeC() {
    assertEquals(12, CNumbers.atoi("12abc"));
    assertEquals(0, CNumbers.atoi("abc"));
    assertEquals(-5, CNumbers.atoi("  -5"));
    assertEquals(7, CNumbers.atoi("+7"));
    assertEquals(0, CNumbers.atoi(""));
    // (int) LONG_MAX, as glibc's atoi gives for a huge number.
    assertEquals(-1, CNumbers.atoi("99999999999999999999999"));
    assertEquals(705032704, CNumbers.atoi("5000000000"));
  }

  @Test
  void strtoullIsUnsigned() {
    assertEquals(42, CNumbers.strtoull("42"));
    assertEquals("18446744073709551615", Long.toUnsignedString(CNumbers.strtoull("-1")));
    assertEquals(
        "18446744073709551615", Long.toUnsignedString(CNumbers.strtoull("99999999999999999999")));
    assertEquals(
        "18446744073709551615", Long.toUnsignedString(CNumbers.strtoull("18446744073709551615")));
    assertEquals(0, CNumbers.strtoull("x1"));
  }
}
