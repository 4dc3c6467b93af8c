package router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import router.errors.BadRequestException;
import router.model.Page;

/** {@code maxResults} / {@code nextToken} paging of the Get* collection operations. */
class PagingTest {
  private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

  @Test
  void withoutMaxResultsEveryItemComesInOnePage() {
    Page<String> page = Paging.page(FIVE, null, null);
    assertEquals(FIVE, page.items());
    assertNull(page.nextToken());
    assertEquals(FIVE, Paging.page(FIVE, "", "").items());
  }

  @Test
  void pagesOfTwoWalkThroughFiveItemsWithTokens() {
    Page<String> first = Paging.page(FIVE, "2", null);
    assertEquals(List.of("a", "b"), first.items());
    assertNotNull(first.nextToken());

    Page<String> second = Paging.page(FIVE, "2", first.nextToken());
    assertEquals(List.of("c", "d"), second.items());
    assertNotNull(second.nextToken());

    Page<String> last = Paging.page(FIVE, "2", second.nextToken());
    assertEquals(List.of("e"), last.items());
    assertNull(last.nextToken());
  }

  @Test
  void walkingAllPagesYieldsEveryItemOnce() {
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      Page<String> page = Paging.page(FIVE, "3", token);
      seen.addAll(page.items());
      token = page.nextToken();
    } while (token != null);
    assertEquals(FIVE, seen);
  }

  @Test
  void aPageThatEndsExactlyAtTheLastItemHasNoToken() {
    Page<String> page = Paging.page(FIVE, "5", null);
    assertEquals(FIVE, page.items());
    assertNull(page.nextToken());
  }

  @Test
  void aTokenMayBeUsedWithoutMaxResults() {
    String token = Paging.page(FIVE, "2", null).nextToken();
    assertEquals(List.of("c", "d", "e"), Paging.page(FIVE, null, token).items());
  }

  @Test
  void aTokenPastTheEndGivesAnEmptyLastPage() {
    String beyond = Paging.page(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), "8", null).nextToken();
    Page<String> page = Paging.page(FIVE, "2", beyond);
    assertTrue(page.items().isEmpty());
    assertNull(page.nextToken());
  }

  @Test
  void aTokenThatIsNotOneOfOursIsBadRequest() {
    for (String token : List.of("x", "!!!", urlBase64("q:3"), urlBase64("p:x"), urlBase64("p:-1"))) {
      assertTrue(assertThrows(BadRequestException.class, () -> Paging.page(FIVE, "2", token)).getMessage()
          .contains("nextToken"), token);
    }
  }

  @Test
  void maxResultsMustBeANumberFrom1To500() {
    for (String max : List.of("0", "501", "x", "-1", "2.5")) {
      String message = assertThrows(BadRequestException.class, () -> Paging.page(FIVE, max, null)).getMessage();
      assertTrue(message.contains("maxResults"), message);
    }
    assertEquals(List.of("a"), Paging.page(FIVE, "1", null).items());
    assertEquals(FIVE, Paging.page(FIVE, "500", null).items());
  }

  @Test
  void pagesAreCopiesNotViewsOfTheList() {
    List<String> items = new ArrayList<>(FIVE);
    Page<String> page = Paging.page(items, "2", null);
    items.set(0, "changed");
    assertEquals(List.of("a", "b"), page.items());
  }

  private static String urlBase64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
