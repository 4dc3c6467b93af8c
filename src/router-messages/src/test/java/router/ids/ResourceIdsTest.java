package router.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Control-plane resource ids shaped like API Gateway's: lower-case alphanumerics of a fixed length per kind. */
class ResourceIdsTest {

  private static void assertShape(Supplier<String> ids, int length) {
    Pattern shape = Pattern.compile("[a-z0-9]{" + length + "}");
    for (int i = 0; i < 1000; i++) {
      String id = ids.get();
      assertTrue(shape.matcher(id).matches(), id);
    }
  }

  @Test
  void apiIdsAreTenLowerCaseAlphanumerics() {
    assertEquals(10, ResourceIds.API_ID_LENGTH);
    assertShape(ResourceIds::apiId, 10);
  }

  @Test
  void routeAndIntegrationIdsAreSeven() {
    assertEquals(7, ResourceIds.ROUTE_ID_LENGTH);
    assertShape(ResourceIds::routeId, 7);
    assertShape(ResourceIds::integrationId, 7);
  }

  @Test
  void responseAndDeploymentIdsAreSix() {
    assertEquals(6, ResourceIds.SHORT_ID_LENGTH);
    assertShape(ResourceIds::shortId, 6);
  }

  @Test
  void everyCharacterOfTheAlphabetIsUsed() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) for (char c : ResourceIds.apiId().toCharArray()) seen.add(c);
    assertEquals(36, seen.size());
  }

  @Test
  void aHundredThousandApiIdsHaveNoDuplicates() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) ids.add(ResourceIds.apiId());
    assertEquals(100_000, ids.size());
  }

  @Test
  void wellFormedIdsAreOneTo64AsciiLettersOrDigits() {
    assertTrue(ResourceIds.isWellFormed(ResourceIds.apiId()));
    assertTrue(ResourceIds.isWellFormed("AbC123"));
    assertTrue(ResourceIds.isWellFormed("a".repeat(64)));
    for (String id : new String[] {null, "", "a".repeat(65), "../etc", "a/b", "a b", "a%2F", "a.b", "ä", "a-b"}) {
      assertFalse(ResourceIds.isWellFormed(id), String.valueOf(id));
    }
  }
}
