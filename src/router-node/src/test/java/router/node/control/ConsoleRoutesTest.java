package router.node.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleRoutesTest {
  @Test
  void webSocketOriginIsTheEndpointWithoutItsPath() {
    assertEquals("ws://127.0.0.1:8080", ConsoleRoutes.origin("ws://127.0.0.1:8080/abc123"));
    assertEquals("wss://gateway.example.com", ConsoleRoutes.origin("wss://gateway.example.com/prod-ws/abc123"));
    assertEquals("ws://[::1]:9000", ConsoleRoutes.origin("ws://[::1]:9000/api"));
  }

  @Test
  void policyAllowsOnlyOwnScriptsAndTheExecuteApiSocket() {
    String policy = ConsoleRoutes.contentSecurityPolicy("ws://127.0.0.1:8080");
    assertTrue(policy.contains("default-src 'none'"), policy);
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertTrue(policy.contains("connect-src 'self' ws://127.0.0.1:8080;"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertFalse(policy.contains("unsafe"), policy);
  }
}
