package router.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.expression.ExpressionKind.API_KEY_SELECTION;
import static router.expression.ExpressionKind.INTEGRATION_RESPONSE_SELECTION;
import static router.expression.ExpressionKind.RESPONSE_TEMPLATE_SELECTION;
import static router.expression.ExpressionKind.ROUTE_RESPONSE_SELECTION;
import static router.expression.ExpressionKind.ROUTE_SELECTION;
import static router.expression.ExpressionKind.TEMPLATE_SELECTION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionExpressionTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GUIDE_PAYLOAD = "{\"service\":\"chat\",\"action\":\"join\",\"data\":{\"room\":\"room1234\"}}";

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ExpressionContext body(String json) {
    JsonNode node = json(json);
    return new ExpressionContext() {
      @Override
      public JsonNode requestBody() {
        return node;
      }
    };
  }

  private static String route(String expression, String json) {
    return SelectionExpression.parse(expression, ROUTE_SELECTION).evaluate(body(json));
  }

  private static String rejection(String expression, ExpressionKind kind) {
    return assertThrows(InvalidExpressionException.class, () -> SelectionExpression.parse(expression, kind))
        .getMessage();
  }

  /** An integration response: status 400, header X-Id: abc, Set-Cookie: a, b, body {"errorMessage":"boom"}. */
  private static final ExpressionContext INTEGRATION_RESPONSE = new ExpressionContext() {
    @Override
    public JsonNode requestBody() {
      return json("{\"action\":\"join\"}");
    }

    @Override
    public String integrationStatusCode() {
      return "400";
    }

    @Override
    public String integrationResponseHeader(String name) {
      return name.equals("X-Id") ? "abc" : null;
    }

    @Override
    public List<String> integrationResponseMultiValueHeader(String name) {
      return name.equals("Set-Cookie") ? List.of("a", "b") : null;
    }

    @Override
    public JsonNode integrationResponseBody() {
      return json("{\"errorMessage\":\"boom\"}");
    }
  };

  // The table in the guide's "WebSocket selection expressions", payload {"service":"chat","action":"join",...}.
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "$request.body.action                                 | join",
      "${request.body.action}                               | join",
      "${request.body.service}/${request.body.action}       | chat/join",
      "${request.body.action}-${request.body.invalidPath}   | join-",
      "action                                               | action",
      "\\$default                                           | $default",
  })
  void evaluatesEveryRowOfTheGuideTable(String expression, String expected) {
    assertEquals(expected, route(expression, GUIDE_PAYLOAD));
  }

  @Test
  void resolvesNestedPath() {
    assertEquals("room1234", route("$request.body.data.room", GUIDE_PAYLOAD));
  }

  @Test
  void resolvesBracketPaths() {
    String payload = "{\"a b\":{\"x\":\"1\"},\"items\":[\"first\",\"second\"]}";
    assertEquals("1", route("$request.body['a b'][\"x\"]", payload));
    assertEquals("1", route("${request.body['a b'].x}", payload));
    assertEquals("second", route("$request.body.items[1]", payload));
    assertEquals("second", route("$request.body.items[-1]", payload));
  }

  @Test
  void resolvesWildcardPathThroughJayway() {
    assertEquals("[a, b]", route("$request.body.items[*].id", "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"));
  }

  @Test
  void resolvesMissingPathToEmptyString() {
    assertEquals("", route("$request.body.data.nothing.here", GUIDE_PAYLOAD));
    assertEquals("", route("$request.body.items[*].id", GUIDE_PAYLOAD));
  }

  @Test
  void resolvesBodyToEmptyStringWhenMessageIsNotJson() {
    SelectionExpression expression = SelectionExpression.parse("a-${request.body.action}", ROUTE_SELECTION);
    assertEquals("a-", expression.evaluate(new ExpressionContext() {}));
  }

  @Test
  void readsTopLevelArrayAndStringBodies() {
    assertEquals("x", route("$request.body[0]", "[\"x\",\"y\"]"));
    assertEquals("[x, y]", route("$request.body", "[\"x\",\"y\"]"));
    assertEquals("", route("$request.body.action", "[\"x\",\"y\"]"));
    assertEquals("hello", route("${request.body}", "\"hello\""));
    assertEquals("", route("$request.body.action", "\"hello\""));
  }

  @Test
  void stringifiesNonTextValues() {
    String payload = "{\"n\":1,\"d\":1.5,\"t\":true,\"z\":null,\"a\":[1,\"b\"],\"o\":{\"k\":\"v\",\"k2\":2}}";
    assertEquals("1", route("$request.body.n", payload));
    assertEquals("1.5", route("$request.body.d", payload));
    assertEquals("true", route("$request.body.t", payload));
    assertEquals("", route("$request.body.z", payload));
    assertEquals("[1, b]", route("$request.body.a", payload));
    assertEquals("{k=v, k2=2}", route("$request.body.o", payload));
  }

  @Test
  void doesNotEvaluateValuesRecursively() {
    String payload = "{\"action\":\"$request.body.x\",\"x\":\"no\"}";
    assertEquals("$request.body.x", route("$request.body.action", payload));
    assertEquals("${request.body.x}!", route("$request.body.action!", "{\"action\":\"${request.body.x}\"}"));
  }

  @Test
  void unescapesDollarAnywhere() {
    assertEquals("price$5-join", route("price\\$5-${request.body.action}", GUIDE_PAYLOAD));
    assertEquals("join$", route("${request.body.action}\\$", GUIDE_PAYLOAD));
  }

  @Test
  void keepsBackslashesThatEscapeNothing() {
    assertEquals("a\\b\\", route("a\\b\\", GUIDE_PAYLOAD));
    assertEquals("\\$x", route("\\\\$x", GUIDE_PAYLOAD));
  }

  @Test
  void rejectsLoneDollar() {
    assertEquals("Invalid selection expression specified: Unescaped $ at position 4 in 'cost$'; write \\$ for a"
        + " literal dollar sign", rejection("cost$", ROUTE_SELECTION));
    assertTrue(rejection("$ x", ROUTE_SELECTION).contains("Unescaped $ at position 0"));
  }

  @Test
  void stopsUnwrappedVariableAtCharactersOutsideItsName() {
    assertEquals("chat/join", route("$request.body.service/$request.body.action", GUIDE_PAYLOAD));
    assertEquals("join room1234", route("$request.body.action $request.body.data.room", GUIDE_PAYLOAD));
    assertEquals("join}", route("$request.body.action}", GUIDE_PAYLOAD));
  }

  @Test
  void includesHyphenInUnwrappedVariable() {
    assertEquals("", route("$request.body.action-beta", GUIDE_PAYLOAD));
    assertEquals("join-beta", route("${request.body.action}-beta", GUIDE_PAYLOAD));
  }

  @Test
  void treatsWholeReservedKeysAsStaticValues() {
    for (String key : List.of("$default", "$connect", "$disconnect")) {
      SelectionExpression expression = SelectionExpression.parse(key, ROUTE_RESPONSE_SELECTION);
      assertTrue(expression.isStatic());
      assertEquals(key, expression.evaluate(new ExpressionContext() {}));
    }
  }

  @Test
  void rejectsReservedKeyUsedAsVariableInsideLargerExpression() {
    assertEquals("Invalid selection expression specified: Unknown variable $default-x at position 0 in"
        + " '$default-x'; write \\$default for the literal route key", rejection("$default-x", ROUTE_SELECTION));
  }

  @Test
  void rejectsUnknownNamespace() {
    assertEquals("Invalid selection expression specified: Unknown variable $foo.bar at position 2 in 'a/$foo.bar';"
        + " route selection expressions support $request.body.*, $request.header.*, $request.querystring.*,"
        + " $context.*, $stageVariables.* and static values", rejection("a/$foo.bar", ROUTE_SELECTION));
    assertTrue(rejection("${request.bodyx}", ROUTE_SELECTION).contains("Unknown variable ${request.bodyx}"));
  }

  @Test
  void rejectsUnterminatedBrace() {
    assertEquals("Invalid selection expression specified: Unterminated ${ at position 2 in 'a-${request.body.a'",
        rejection("a-${request.body.a", ROUTE_SELECTION));
  }

  @Test
  void rejectsEmptyBraces() {
    assertEquals("Invalid selection expression specified: Empty ${} at position 1 in 'x${}'",
        rejection("x${}", ROUTE_SELECTION));
  }

  @Test
  void rejectsUnterminatedBracketInUnwrappedVariable() {
    assertTrue(rejection("$request.body.a['b", ROUTE_SELECTION).contains("Unterminated [ at position 15"));
  }

  @Test
  void rejectsInvalidJsonPath() {
    String message = rejection("${request.body.a[}", ROUTE_SELECTION);
    assertTrue(message.startsWith("Invalid selection expression specified: Invalid JSONPath in ${request.body.a[}"
        + " at position 0 in '${request.body.a[}': "), message);
    assertTrue(rejection("${request.body..}", TEMPLATE_SELECTION).contains("Invalid JSONPath"));
  }

  @Test
  void resolvesHeadersQueryStringContextAndStageVariables() {
    ExpressionContext ctx = new ExpressionContext() {
      @Override
      public String requestHeader(String name) {
        return Map.of("x-api-key", "k1").get(name);
      }

      @Override
      public String queryStringParameter(String name) {
        return Map.of("room", "r1").get(name);
      }

      @Override
      public String contextVariable(String name) {
        return Map.of("authorizer.usageIdentifierKey", "u1", "connectionId", "c1").get(name);
      }

      @Override
      public String stageVariable(String name) {
        return Map.of("env", "prod").get(name);
      }
    };
    SelectionExpression expression = SelectionExpression.parse(
        "$request.header.x-api-key/$request.querystring.room/$context.connectionId/${stageVariables.env}/"
            + "$request.header.missing", ROUTE_SELECTION);
    assertEquals("k1/r1/c1/prod/", expression.evaluate(ctx));
    assertFalse(expression.referencesRequestBody());
    assertEquals("k1", SelectionExpression.parse("$request.header.x-api-key", API_KEY_SELECTION).evaluate(ctx));
    assertEquals("u1",
        SelectionExpression.parse("$context.authorizer.usageIdentifierKey", API_KEY_SELECTION).evaluate(ctx));
  }

  @Test
  void resolvesIntegrationResponseVariables() {
    assertEquals("400", SelectionExpression.parse("${integration.response.statuscode}", INTEGRATION_RESPONSE_SELECTION)
        .evaluate(INTEGRATION_RESPONSE));
    assertEquals("400", SelectionExpression.parse("${response.statuscode}", INTEGRATION_RESPONSE_SELECTION)
        .evaluate(INTEGRATION_RESPONSE));
    assertEquals("boom", SelectionExpression.parse("$integration.response.body.errorMessage",
        INTEGRATION_RESPONSE_SELECTION).evaluate(INTEGRATION_RESPONSE));
    assertEquals("abc|[a, b]|", SelectionExpression.parse("${integration.response.header.X-Id}|"
            + "${integration.response.multivalueheader.Set-Cookie}|$integration.response.header.Other",
        INTEGRATION_RESPONSE_SELECTION).evaluate(INTEGRATION_RESPONSE));
  }

  @Test
  void combinesRequestBodyAndIntegrationStatusInResponseTemplateSelection() {
    assertEquals("join-400", SelectionExpression.parse("${request.body.action}-${integration.response.statuscode}",
        RESPONSE_TEMPLATE_SELECTION).evaluate(INTEGRATION_RESPONSE));
  }

  @Test
  void rejectsVariablesOutsideTheirKind() {
    assertEquals("Invalid selection expression specified: $request.header.x is not supported in template selection"
        + " expressions at position 0 in '$request.header.x'; supported: $request.body.* and static values",
        rejection("$request.header.x", TEMPLATE_SELECTION));
    assertTrue(rejection("$integration.response.statuscode", ROUTE_SELECTION).contains("not supported"));
    assertTrue(rejection("$request.body.a", INTEGRATION_RESPONSE_SELECTION).contains("not supported"));
    assertTrue(rejection("$integration.response.body.a", RESPONSE_TEMPLATE_SELECTION).contains("not supported"));
    assertTrue(rejection("$request.body.a", ROUTE_RESPONSE_SELECTION).contains("not supported"));
    assertTrue(rejection("$request.header.other", API_KEY_SELECTION).contains("not supported"));
  }

  @Test
  void acceptsOnlyTheTwoDocumentedApiKeySelectionExpressions() {
    assertEquals("Invalid selection expression specified: API key selection expressions must be exactly"
        + " $request.header.x-api-key or $context.authorizer.usageIdentifierKey, not 'key-$request.header.x-api-key'",
        rejection("key-$request.header.x-api-key", API_KEY_SELECTION));
    assertTrue(rejection("$default", API_KEY_SELECTION).contains("must be exactly"));
  }

  @Test
  void rejectsVariableWithoutName() {
    assertTrue(rejection("${request.header.}", ROUTE_SELECTION).contains("Invalid name '' in ${request.header.}"));
  }

  @Test
  void reportsStaticnessAndBodyUse() {
    SelectionExpression staticExpression = SelectionExpression.parse("action", TEMPLATE_SELECTION);
    assertTrue(staticExpression.isStatic());
    assertFalse(staticExpression.referencesRequestBody());
    SelectionExpression bodyExpression = SelectionExpression.parse("$request.body.action", TEMPLATE_SELECTION);
    assertFalse(bodyExpression.isStatic());
    assertTrue(bodyExpression.referencesRequestBody());
    assertEquals("$request.body.action", bodyExpression.toString());
    assertEquals("$request.body.action", bodyExpression.source());
  }

  @Test
  void treatsEmptySourceAsStaticEmptyValue() {
    SelectionExpression expression = SelectionExpression.parse("", TEMPLATE_SELECTION);
    assertTrue(expression.isStatic());
    assertEquals("", expression.evaluate(new ExpressionContext() {}));
  }
}
