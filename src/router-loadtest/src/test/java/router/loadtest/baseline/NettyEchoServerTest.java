package router.loadtest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NettyEchoServerTest extends EchoContractTest {
  private static NettyEchoServer server;

  @BeforeAll
  static void start() throws Exception {
    server = NettyEchoServer.start("127.0.0.1", 0, 2);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  String authority() {
    return "127.0.0.1:" + server.localAddress().getPort();
  }

  @Test
  void closesWith1009OnAFrameOverTheCap() throws Exception {
    Client c = connect("/bench/bench");
    c.ws.sendText("x".repeat(NettyEchoServer.MAX_MESSAGE + 1), true);
    assertEquals(1009, c.closed.get(10, TimeUnit.SECONDS));
  }

  @Test
  void echoesAMessageAtTheCap() throws Exception {
    Client c = connect("/bench/bench");
    String big = "y".repeat(NettyEchoServer.MAX_MESSAGE);
    c.ws.sendText(big, true).get();
    assertEquals(big, c.next());
  }

  @Test
  void usesEpollOnLinuxX86() {
    // The build ships epoll's linux-x86_64 native library; elsewhere the server falls back to NIO.
    boolean linuxX86 = System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
    assertEquals(linuxX86 ? "epoll" : "nio", server.transport());
  }
}
