package chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

/**
 * The chat sample started in this JVM with real WebSocket clients: its room actors receive the routes' events and
 * broadcast through Router's Java {@code @connections} API, while the app's own page is still served.
 */
class EmbeddedChatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static ChatApp app;

  @BeforeAll
  static void start() throws Exception {
    app = start(dataDir);
  }

  private static ChatApp start(Path dir) throws Exception {
    return ChatApp.start(ConfigFactory.parseMap(Map.of(
        "chat.http.port", 0,
        "chat.admin.port", 0,
        "router.storage.h2.dir", dir.toString(),
        "pekko.actor.serialize-messages", "on",
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
        "pekko.loglevel", "WARNING")));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /** Joins {@code room} and returns the connection id the room actor saw in the event. */
  private static String join(ChatClient client, String room, int expectedMembers) throws Exception {
    JsonNode joined = json(client.send("{\"action\":\"joinroom\",\"room\":\"" + room + "\"}").next());
    assertEquals(room, joined.get("joined").asText());
    assertEquals(expectedMembers, joined.get("members").asInt());
    return joined.get("you").asText();
  }

  @Test
  void servesTheHostsOwnPageBesideTheRouterRoutes() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(app.pageUrl())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>Chat (Router embedded)</title>"));
  }

  @Test
  void createsItsApiThroughTheControlPlaneTheAwsCliUses() {
    try (ApiGatewayV2Client sdk = ApiGatewayV2Client.builder()
        .endpointOverride(URI.create(app.controlPlaneUrl())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
        .httpClient(ApacheHttpClient.create()).build()) {
      var api = sdk.getApi(b -> b.apiId(app.apiId()));
      assertEquals("chat", api.name());
      assertTrue(app.webSocketUrl().startsWith(api.apiEndpoint() + "/"), api.apiEndpoint());
      Set<String> routeKeys = sdk.getRoutes(b -> b.apiId(app.apiId())).items().stream().map(Route::routeKey)
          .collect(Collectors.toSet());
      assertEquals(Set.of("joinroom", "sendmessage", "$disconnect"), routeKeys);
    }
  }

  @Test
  void aMessageReachesTheRoomActorAndIsBroadcastToEveryMemberOfTheRoom() throws Exception {
    try (ChatClient ann = ChatClient.connect(app.webSocketUrl());
        ChatClient bob = ChatClient.connect(app.webSocketUrl());
        ChatClient carl = ChatClient.connect(app.webSocketUrl())) {
      String annId = join(ann, "general", 1);
      join(bob, "general", 2);
      String carlId = join(carl, "random", 1);

      ann.send("{\"action\":\"sendmessage\",\"room\":\"general\",\"text\":\"hello\"}");
      // The room actor got the sendmessage event: its connectionId and the text of its body come back to each member.
      JsonNode expected = json("{\"room\":\"general\",\"from\":\"" + annId + "\",\"text\":\"hello\"}");
      assertEquals(expected, json(ann.next()));
      assertEquals(expected, json(bob.next()));

      // Carl, in another room, did not get it: his next message is his own room's.
      carl.send("{\"action\":\"sendmessage\",\"room\":\"random\",\"text\":\"anyone?\"}");
      assertEquals(json("{\"room\":\"random\",\"from\":\"" + carlId + "\",\"text\":\"anyone?\"}"), json(carl.next()));
    }
  }

  @Test
  void aMemberWhoDisconnectsLeavesTheRoom() throws Exception {
    try (ChatClient ann = ChatClient.connect(app.webSocketUrl())) {
      join(ann, "leaving", 1);
      try (ChatClient bob = ChatClient.connect(app.webSocketUrl())) {
        join(bob, "leaving", 2);
      }
      // bob's $disconnect reached the room: a newcomer makes two members, not three. $disconnect runs after the
      // close completes, so the newcomer may still see bob for a moment; poll the room through joins.
      int members = 0;
      for (int attempt = 0; attempt < 50; attempt++) {
        try (ChatClient dave = ChatClient.connect(app.webSocketUrl())) {
          members = json(dave.send("{\"action\":\"joinroom\",\"room\":\"leaving\"}").next()).get("members").asInt();
        }
        if (members == 2) break;
        Thread.sleep(100);
      }
      assertEquals(2, members);
    }
  }

  @Test
  void reusesTheStoredApiOnRestart(@TempDir Path dir) throws Exception {
    String first;
    try (ChatApp one = start(dir)) {
      first = one.apiId();
    }
    try (ChatApp two = start(dir)) {
      assertEquals(first, two.apiId());
    }
  }
}
