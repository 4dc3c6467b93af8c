package router.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void spreadIsTheLargestDeviationFromTheMedianAsAPercentage() {
    Spread s = Spread.of(List.of(100.0, 90.0, 112.0));
    assertEquals(100, s.median(), 1e-9);
    assertEquals(12, s.spreadPercent(), 1e-9);
    assertFalse(s.wide());
    assertEquals("100.0 ±12 %", s.text(1));
  }

  @Test
  void anEvenCountTakesTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median(), 1e-9);
  }

  @Test
  void beyondFifteenPercentIsWide() {
    Spread s = Spread.of(List.of(100.0, 116.0, 100.0));
    assertTrue(s.wide());
    assertEquals("100 ±16 % (wide)", s.text(0));
  }

  @Test
  void oneRepetitionHasNoSpreadShown() {
    assertEquals("1.50", Spread.of(List.of(1.5)).text(2));
  }

  @Test
  void aZeroMedianWithSpreadIsWide() {
    Spread s = Spread.of(List.of(0.0, 0.0, 5.0));
    assertTrue(s.wide());
    assertEquals("0 ±∞ % (wide)", s.text(0));
  }
}
