package router.node.execute;

import router.connection.ConnectionService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import router.connection.ConnectionDescription;

/** What the @connections API decides without a socket: text or binary, and GetConnection's JSON. */
class ConnectionsApiFormatTest {

  @Test
  void utf8DataIsTextAndAnythingElseIsBinary() {
    assertEquals("héllo €", ConnectionService.utf8(ByteString.fromString("héllo €", StandardCharsets.UTF_8)));
    assertEquals("", ConnectionService.utf8(ByteString.emptyByteString()));
    assertNull(ConnectionService.utf8(ByteString.fromArray(new byte[] {(byte) 0xff, 0x41})));
    assertNull(ConnectionService.utf8(ByteString.fromArray(new byte[] {(byte) 0xc3})), "truncated sequence");
    assertNull(ConnectionService.utf8(ByteString.fromArray(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
        "encoded surrogate");
  }

  @Test
  void getConnectionAnswersIsoTimesWithMillisecondsAndTheIdentity() {
    String json = ConnectionsApi.describeJson(new ConnectionDescription("L0SM9cOFvHcCIhw=", 1_588_277_433_236L,
        1_588_277_442_000L, "192.0.2.1", "wscat"));
    assertEquals("{\"connectedAt\":\"2020-04-30T20:10:33.236Z\",\"identity\":{\"sourceIp\":\"192.0.2.1\","
        + "\"userAgent\":\"wscat\"},\"lastActiveAt\":\"2020-04-30T20:10:42.000Z\"}", json);
  }

  @Test
  void aConnectionWithoutUserAgentHasNoneInItsIdentity() {
    String json = ConnectionsApi.describeJson(new ConnectionDescription("L0SM9cOFvHcCIhw=", 0, 0, "::1", null));
    assertEquals("{\"connectedAt\":\"1970-01-01T00:00:00.000Z\",\"identity\":{\"sourceIp\":\"::1\"},"
        + "\"lastActiveAt\":\"1970-01-01T00:00:00.000Z\"}", json);
  }
}
