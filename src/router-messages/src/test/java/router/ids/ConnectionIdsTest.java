package router.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Connection and request ids shaped like API Gateway's, with the owning node's tag in a connection id. */
class ConnectionIdsTest {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{15}=");
  private static final int[] TAGS = {0, 1, 255, 256, 4096, 65534, 65535};

  @Test
  void connectionIdsAre16UrlSafeCharactersEndingInEquals() {
    for (int tag : TAGS) {
      for (int i = 0; i < 1000; i++) {
        String id = ConnectionIds.connectionId(tag);
        assertEquals(ConnectionIds.LENGTH, id.length());
        assertTrue(SHAPE.matcher(id).matches(), id);
      }
    }
  }

  @Test
  void requestIdsHaveTheSameShape() {
    for (int i = 0; i < 1000; i++) {
      String id = ConnectionIds.requestId();
      assertTrue(SHAPE.matcher(id).matches(), id);
    }
  }

  @Test
  void idsAreStandardUrlSafeBase64Of11Bytes() {
    for (int tag : TAGS) {
      String id = ConnectionIds.connectionId(tag);
      byte[] bytes = Base64.getUrlDecoder().decode(id);
      assertEquals(11, bytes.length, id);
      // Canonical encoding: re-encoding the bytes gives the id back (the two padding bits are zero).
      assertEquals(id, Base64.getUrlEncoder().encodeToString(bytes));
    }
    assertEquals(11, Base64.getUrlDecoder().decode(ConnectionIds.requestId()).length);
  }

  @Test
  void theNodeTagIsTheFirstTwoBytesBigEndian() {
    for (int tag : TAGS) {
      byte[] bytes = Base64.getUrlDecoder().decode(ConnectionIds.connectionId(tag));
      assertEquals(tag, ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
    }
  }

  @Test
  void nodeTagOfReadsBackTheTag() {
    for (int tag : TAGS) {
      for (int i = 0; i < 100; i++) {
        assertEquals(tag, ConnectionIds.nodeTagOf(ConnectionIds.connectionId(tag)));
      }
    }
  }

  @Test
  void theOtherNineBytesVary() {
    // With 72 random bits, 1000 ids of one node all differ in their random part, and every byte position varies.
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) ids.add(Base64.getUrlDecoder().decode(ConnectionIds.connectionId(7)));
    for (int position = 2; position < 11; position++) {
      Set<Byte> seen = new HashSet<>();
      for (byte[] id : ids) seen.add(id[position]);
      assertTrue(seen.size() > 1, "byte " + position + " never changes");
    }
  }

  @Test
  void malformedIdsHaveNoTag() {
    String good = ConnectionIds.connectionId(42);
    List<String> malformed = Arrays.asList(
        null,
        "",
        good.substring(0, 15),
        good + "A",
        good.substring(0, 15) + "A",
        "L0SM9cOFvHcCIh+=",
        "L0SM9cOFvHcCIh/=",
        "L0SM9cOFvHcC hw=",
        "L0SM9cOFvHcCIhé=",
        "=L0SM9cOFvHcCIhw",
        "L0SM9cOF=HcCIhw=");
    for (String id : malformed) assertEquals(-1, ConnectionIds.nodeTagOf(id), String.valueOf(id));
  }

  @Test
  void theGuidesExampleIdIsWellFormed() {
    int tag = ConnectionIds.nodeTagOf("L0SM9cOFvHcCIhw=");
    byte[] bytes = Base64.getUrlDecoder().decode("L0SM9cOFvHcCIhw=");
    assertEquals(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF), tag);
  }

  @Test
  void aHundredThousandIdsHaveNoDuplicates() {
    Set<String> connections = new HashSet<>();
    Set<String> requests = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      connections.add(ConnectionIds.connectionId(1));
      requests.add(ConnectionIds.requestId());
    }
    assertEquals(100_000, connections.size());
    assertEquals(100_000, requests.size());
  }
}
