package router.loadtest.setup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import router.loadtest.client.Loopback;
import router.loadtest.json.JsonReader;
import router.loadtest.json.JsonWriter;

/** A small client of the router's apigatewayv2 control plane (REST JSON, camelCase, like AWS). */
public final class ControlPlane {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final URI base;

  /** Talks to the control plane at {@code base} (e.g. http://127.0.0.1:8081); loopback only. */
  public ControlPlane(URI base) {
    this.base = Loopback.requireLoopback(base);
  }

  /** POSTs {@code body} as JSON to {@code path}; returns the parsed answer or throws with its text. */
  public Map<String, Object> post(String path, Map<String, Object> body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.write(body)))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " → " + response.statusCode() + " " + response.body());
    }
    String text = response.body();
    return text.isBlank() ? Map.of() : JsonReader.parseObject(text);
  }

  /** Status of {@code GET path}, or -1 when nothing answers. */
  public int status(String path) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
