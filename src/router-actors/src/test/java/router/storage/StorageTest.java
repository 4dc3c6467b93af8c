package router.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  @TempDir Path dir;

  @Test
  void eachStartClaimsTheNextNodeTag() {
    Storage.Settings settings = h2();
    Storage.createSchema(settings);
    int first = Storage.claimNodeTag(settings);
    int second = Storage.claimNodeTag(settings);
    Storage.createSchema(settings); // a restart keeps the sequence
    int third = Storage.claimNodeTag(settings);
    assertEquals((first + 1) & 0xFFFF, second);
    assertEquals((second + 1) & 0xFFFF, third);
  }

  @Test
  void joiningSeedsOnTheEmbeddedH2FileIsRefusedSayingWhy() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Storage.checkShareable(h2(), List.of("pekko://router@node1:25520")));
    assertTrue(e.getMessage().contains("ROUTER_STORAGE=postgres"), e.getMessage());
    Storage.checkShareable(h2(), List.of()); // a cluster of one may keep H2
  }

  @Test
  void postgresMayJoinSeeds() {
    Storage.Settings postgres = Storage.settings(ConfigFactory.parseMap(Map.of("router.storage.kind", "postgres"))
        .withFallback(ConfigFactory.defaultReference()).resolve());
    Storage.checkShareable(postgres, List.of("pekko://router@node1:25520"));
  }

  private Storage.Settings h2() {
    return Storage.settings(ConfigFactory.parseMap(Map.of("router.storage.h2.dir", dir.toString()))
        .withFallback(ConfigFactory.defaultReference()).resolve());
  }
}
