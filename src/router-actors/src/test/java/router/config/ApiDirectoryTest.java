package router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of the journal's persistence ids are APIs the directory does not list. */
class ApiDirectoryTest {

  @Test
  void apiJournalsTheDirectoryNeitherListsNorUnregisteredAreUnlisted() {
    List<String> journal = List.of("Api|a1", "ApiDirectory|all", "Api|a2", "Api|a3", "Other|a4", "Api|a5");
    ApiDirectory.ApiIds directory = new ApiDirectory.ApiIds(List.of("a1", "a3"), List.of("a5"));
    assertEquals(List.of("a2"), ApiDirectory.unlisted(journal, directory));
  }

  @Test
  void aDirectoryListingEveryApiLeavesNothingUnlisted() {
    assertEquals(List.of(), ApiDirectory.unlisted(List.of("Api|a1", "ApiDirectory|all"),
        new ApiDirectory.ApiIds(List.of("a1"), List.of())));
  }
}
