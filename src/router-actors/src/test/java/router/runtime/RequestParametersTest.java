package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.expression.ExpressionContext;
import router.integration.StageVariables;

class RequestParametersTest {

  private static final ExpressionContext CONTEXT = new ExpressionContext() {
    @Override
    public JsonNode requestBody() {
      try {
        return new ObjectMapper().readTree("{\"action\":\"send\",\"user\":{\"id\":42}}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String requestHeader(String name) {
      return name.equalsIgnoreCase("x-tenant") ? "acme" : null;
    }

    @Override
    public String queryStringParameter(String name) {
      return name.equals("token") ? "t0k" : null;
    }

    @Override
    public String contextVariable(String name) {
      return name.equals("connectionId") ? "abc=" : null;
    }

    @Override
    public String stageVariable(String name) {
      return name.equals("version") ? "v2" : null;
    }
  };

  @Test
  void mapsEverySourceToHeadersAndQueryString() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("integration.request.header.X-Static", "'application/x-www-form-urlencoded'");
    parameters.put("integration.request.header.X-Tenant", "route.request.header.x-tenant");
    parameters.put("integration.request.header.X-Connection", "context.connectionId");
    parameters.put("integration.request.querystring.token", "route.request.querystring.token");
    parameters.put("integration.request.querystring.user", "route.request.body.user.id");
    parameters.put("integration.request.querystring.version", "stageVariables.version");

    RequestParameters.Mapped mapped = RequestParameters.compile(parameters).apply(CONTEXT);

    assertEquals(Map.of("X-Static", "application/x-www-form-urlencoded", "X-Tenant", "acme",
        "X-Connection", "abc="), mapped.headers());
    assertEquals(Map.of("token", "t0k", "user", "42", "version", "v2"), mapped.queryString());
  }

  @Test
  void mapsMultiValueHeadersAndQueryStringsAsCommaSeparatedValues() {
    ExpressionContext handshake = new ExpressionContext() {
      @Override
      public String requestHeader(String name) {
        return name.equals("x-tag") ? "b" : null;
      }

      @Override
      public java.util.List<String> requestMultiValueHeader(String name) {
        return name.equals("x-tag") ? java.util.List.of("a", "b") : null;
      }

      @Override
      public String queryStringParameter(String name) {
        return name.equals("room") ? "9" : null;
      }
    };
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("integration.request.header.X-Tags", "route.request.multivalueheader.x-tag");
    parameters.put("integration.request.header.X-Tag", "route.request.header.x-tag");
    parameters.put("integration.request.querystring.rooms", "route.request.multivaluequerystring.room");
    parameters.put("integration.request.querystring.none", "route.request.multivaluequerystring.none");

    RequestParameters.Mapped mapped = RequestParameters.compile(parameters).apply(handshake);

    assertEquals(Map.of("X-Tags", "a,b", "X-Tag", "b"), mapped.headers());
    assertEquals(Map.of("rooms", "9"), mapped.queryString(), "a single value is a list of one");
  }

  @Test
  void omitsParametersWhoseSourceHasNoValue() {
    RequestParameters.Mapped mapped = RequestParameters.compile(Map.of(
        "integration.request.header.X-Missing", "route.request.header.x-none",
        "integration.request.querystring.q", "stageVariables.undefined")).apply(CONTEXT);

    assertTrue(mapped.headers().isEmpty());
    assertTrue(mapped.queryString().isEmpty());
  }

  @Test
  void keepsDollarSignsAndBackslashesOfStaticValuesLiterally() {
    RequestParameters.Mapped mapped = RequestParameters.compile(
        Map.of("integration.request.header.X-Raw", "'$default \\n'")).apply(CONTEXT);

    assertEquals("$default \\n", mapped.headers().get("X-Raw"));
  }

  @Test
  void ignoresPathParametersWhichWebSocketRoutesDoNotHave() {
    assertTrue(RequestParameters.compile(Map.of("integration.request.path.id", "route.request.path.id")).isEmpty());
  }

  @Test
  void resolvesStageVariablesInUris() {
    assertEquals("http://backend:8080/v2/items",
        StageVariables.resolve("http://${stageVariables.host}/${stageVariables.version}/items",
            Map.of("host", "backend:8080", "version", "v2")));
    assertEquals("http:///items", StageVariables.resolve("http://${stageVariables.none}/items", Map.of()));
    assertEquals("http://x/${stageVariables.open", StageVariables.resolve("http://x/${stageVariables.open",
        Map.of()));
  }
}
