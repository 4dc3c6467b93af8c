package router.loadtest.run;

import java.util.List;
import java.util.concurrent.CompletionStage;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.FrameListener;
import router.loadtest.client.WebSocketClient;

/** Spreads connections over several URLs (the nodes of a cluster): connection {@code i} to URL {@code i mod n}. */
final class SpreadClient implements WebSocketClient {
  private final List<WebSocketClient> clients;

  SpreadClient(List<WebSocketClient> clients) {
    this.clients = List.copyOf(clients);
  }

  @Override
  public CompletionStage<ClientConnection> open(int index, FrameListener listener) {
    return clients.get(Math.floorMod(index, clients.size())).open(index, listener);
  }

  @Override
  public void close() {
    clients.forEach(WebSocketClient::close);
  }
}
