package router.loadtest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import router.loadtest.json.JsonFields;

class PayloadTemplateTest {

  private static final String TEMPLATE = "{\"action\":\"${action}\",\"seq\":${seq},\"data\":\"${pad}\"}";

  @Test
  void rendersActionAndSequenceIdAndPadsToTheSize() {
    PayloadTemplate t = new PayloadTemplate(TEMPLATE, "echo", 100);
    String p = t.render(123456);
    assertEquals(100, p.length());
    assertTrue(p.startsWith("{\"action\":\"echo\",\"seq\":123456,\"data\":\"x"));
    assertEquals(123456, JsonFields.longField(p, "seq"));
  }

  @Test
  void neverTruncatesWhenTheSizeIsSmallerThanTheTemplate() {
    String p = new PayloadTemplate(TEMPLATE, "echo", 1).render(7);
    assertEquals("{\"action\":\"echo\",\"seq\":7,\"data\":\"\"}", p);
  }

  @Test
  void templateWithoutSequenceIdIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PayloadTemplate("{\"action\":\"echo\"}", "echo", 10));
  }

  @Test
  void autoSourceAddressesLeaveFewConnectionsToTheKernel() {
    assertTrue(SourceAddresses.parse("auto", 10_000).addresses().isEmpty());
    assertEquals(3, SourceAddresses.parse("auto", 25_000).addresses().size());
  }

  @Test
  void sourceAddressesSpreadRoundRobinFrom127002() {
    SourceAddresses s = SourceAddresses.parse("2", 10);
    assertEquals("127.0.0.2", s.forConnection(0).orElseThrow().getAddress().getHostAddress());
    assertEquals("127.0.0.3", s.forConnection(1).orElseThrow().getAddress().getHostAddress());
    assertEquals("127.0.0.2", s.forConnection(2).orElseThrow().getAddress().getHostAddress());
    assertEquals(List.of(), SourceAddresses.parse("0", 10).addresses());
  }

  @Test
  void nonLoopbackTargetsAndSourcesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Loopback.requireLoopback(URI.create("ws://10.1.2.3:8080/")));
    assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("10.0.0.1", 1));
    assertEquals(URI.create("ws://127.0.0.9:1/"), Loopback.requireLoopback(URI.create("ws://127.0.0.9:1/")));
  }

  @Test
  void websocketAcceptMatchesTheRfcExample() {
    // RFC 6455 §1.3.
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", NioConnection.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }
}
