package router.loadtest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.loadtest.client.ProxyEventTemplate;

class NettyBackendTest extends BackendContractTest {
  private static NettyBackend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = NettyBackend.start("127.0.0.1", 0, 1);
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Override
  String base() {
    return "http://127.0.0.1:" + backend.localAddress().getPort();
  }

  @Test
  void proxyAnswerCopiesTheBodyOfASlicedEvent() {
    ByteBuf event = Unpooled.copiedBuffer("garbage" + ProxyEventTemplate.wrap("{\"seq\":1}"), StandardCharsets.UTF_8);
    event.skipBytes(7);
    assertEquals("{\"statusCode\":200,\"body\":\"{\\\"seq\\\":1}\"}",
        NettyBackend.proxyAnswer(event).toString(StandardCharsets.UTF_8));
  }
}
