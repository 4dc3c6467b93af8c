package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.pekko.stream.QueueOfferResult;
import org.junit.jupiter.api.Test;
import router.runtime.ServerMessage;

/** A connection's own state, before any stream or actor exists. */
class ConnectionTest {

  @Test
  void isLastActiveWhenItConnectedUntilTouched() {
    Connection connection = Connections.newConnection();
    assertEquals(Connections.CONNECTED_AT, connection.lastActiveAt());
    connection.touch(Connections.CONNECTED_AT + 1234);
    assertEquals(Connections.CONNECTED_AT + 1234, connection.lastActiveAt());
    assertEquals(Connections.CONNECTED_AT, connection.info().connectedAt());
  }

  @Test
  void isKnownByTheIdOfItsUpgrade() {
    Connection connection = Connections.newConnection();
    assertEquals(connection.info().connectionId(), connection.connectionId());
  }

  @Test
  void refusesPushesAsClosedBeforeItsStreamStarted() {
    Connection connection = Connections.newConnection();
    assertSame(QueueOfferResult.closed(), connection.push(new ServerMessage.Text("too early")));
    assertNull(connection.actor());
  }
}
