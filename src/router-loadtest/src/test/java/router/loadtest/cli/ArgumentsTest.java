package router.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static final Set<String> KNOWN = Set.of("url", "rate");

  @Test
  void repeatedUrlsAreAllKept() {
    Arguments a = Arguments.parse(new String[] {"run", "--url", "ws://127.0.0.1:8080/a/dev", "--rate", "5",
        "--url=ws://127.0.0.1:8082/a/dev"}, KNOWN);
    assertEquals("ws://127.0.0.1:8080/a/dev,ws://127.0.0.1:8082/a/dev", a.overrides().get("url"));
  }

  @Test
  void anyOtherOptionGivenTwiceKeepsTheLastValue() {
    assertEquals("7", Arguments.parse(new String[] {"run", "--rate", "5", "--rate", "7"}, KNOWN).overrides()
        .get("rate"));
  }

  @Test
  void unknownOptionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Arguments.parse(new String[] {"run", "--nope", "1"}, KNOWN));
  }
}
