package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.stream.QueueOfferResult;
import org.junit.jupiter.api.Test;
import router.runtime.CloseStatus;
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
  }

  @Test
  void theFirstCloseStatusRecordedStands() {
    Connection connection = Connections.newConnection();
    assertNull(connection.closeStatus());
    CloseStatus client = new CloseStatus(4001, "bye");
    assertSame(client, connection.closed(client));
    assertSame(client, connection.closed(CloseStatus.LOST));
    assertSame(client, connection.closeStatus());
  }

  @Test
  void closingRecordsTheStatusBeforeEndingTheStreamSoTheCodecSendsIt() {
    Connection connection = Connections.newConnection();
    java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();
    connection.attach(null, Long.MAX_VALUE, new org.apache.pekko.stream.KillSwitch() {
      @Override
      public void shutdown() {
        assertSame(CloseStatus.GOING_AWAY, connection.closeStatus());
        shutDown.set(true);
      }

      @Override
      public void abort(Throwable cause) {
        throw new AssertionError("a close is a normal end of the stream", cause);
      }
    });
    connection.close(CloseStatus.GOING_AWAY);
    assertTrue(shutDown.get());
    // The codec then sees the app's side end and proposes 1000; the recorded status stands.
    assertSame(CloseStatus.GOING_AWAY, connection.closed(new CloseStatus(1000, "")));
  }
}
