package router.integration.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the HTTP / HTTP_PROXY backend ({@code router.integrations.http}, see reference.conf).
 *
 * @param maxConnectionsPerHost open connections to one scheme/host/port at most; a call beyond fails
 * @param idleTimeout a pooled connection carrying nothing for this long is closed
 * @param connectingTimeout how long a TCP (and TLS) connection may take to establish
 * @param maxResponseBytes largest response body read from a backend
 */
public record HttpSettings(
    int maxConnectionsPerHost, Duration idleTimeout, Duration connectingTimeout, long maxResponseBytes) {

  public static HttpSettings from(Config config) {
    Config http = config.getConfig("router.integrations.http");
    return new HttpSettings(http.getInt("max-connections-per-host"), http.getDuration("idle-timeout"),
        http.getDuration("connecting-timeout"), http.getBytes("max-response-size"));
  }
}
