package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: message, template, expected output byte for byte. The cases come from API Gateway's developer guide
 * (the WebSocket mapping template reference, the data-transformation examples and the {@code $util} reference);
 * where the guide shows no output, the expected text is what its description specifies.
 */
class MappingExamplesTest {

  // A generous render timeout: the first render in a JVM loads the JSON and JSONPath classes, slow on a busy machine.
  private static final TemplateEngine ENGINE =
      new TemplateEngine(TemplateLimits.defaults().withRenderTimeout(java.time.Duration.ofSeconds(30)));
  private static final Map<String, Object> CONTEXT = context();
  private static final Map<String, String> STAGE = Map.of("version", "v2", "table", "orders");
  private static final Map<String, String> QUERY = Map.of("room", "7");
  private static final Map<String, String> HEADERS = Map.of("x-tenant", "acme");

  private static Map<String, Object> context() {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("accountId", "");
    identity.put("caller", "");
    identity.put("sourceIp", "192.0.2.1");
    identity.put("userAgent", "curl/7.84.0");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("apiId", "abcd1234");
    context.put("connectionId", "L0SM9cOFvHcCIhw=");
    context.put("connectedAt", 1700000000000L);
    context.put("domainName", "abcd1234.execute-api.us-east-1.amazonaws.com");
    context.put("eventType", "MESSAGE");
    context.put("messageDirection", "IN");
    context.put("messageId", "L0SM9eRvHcCEBg=");
    context.put("requestId", "L0SM9HwvHcCEBg=");
    context.put("extendedRequestId", "L0SM9HwvHcCEBg=");
    context.put("requestTime", "14/Nov/2023:22:13:20 +0000");
    context.put("requestTimeEpoch", 1700000000000L);
    context.put("routeKey", "sendmessage");
    context.put("stage", "prod");
    context.put("identity", identity);
    context.put("authorizer", Map.of());
    return context;
  }

  /** One row: what the guide shows. */
  record Example(String name, String body, String template, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Example> examples() {
    String pets = "{\"pets\":[{\"id\":1,\"type\":\"dog\",\"price\":249.99},"
        + "{\"id\":2,\"type\":\"cat\",\"price\":124.99}]}";
    return Stream.of(
        // --- $input -------------------------------------------------------------------------------------------
        new Example("input.body is the raw payload", "{\"a\": 1}", "$input.body", "{\"a\": 1}"),
        new Example("input.json of the root is the body as sent", pets, "$input.json('$')", pets),
        new Example("input.json of an array", pets, "$input.json('$.pets[0]')",
            "{\"id\":1,\"type\":\"dog\",\"price\":249.99}"),
        new Example("input.json of a string is quoted JSON", "{\"s\":\"a \\\"b\\\"\"}", "$input.json('$.s')",
            "\"a \\\"b\\\"\""),
        new Example("input.path gives an object: size", pets, "$input.path('$.pets').size()", "2"),
        new Example("input.path gives an object: nested access", pets, "$input.path('$.pets')[1].type", "cat"),
        new Example("input.path of a missing path renders nothing", pets, "[$input.path('$.none')]", "[]"),
        new Example("the guide's pets transformation", pets, """
            #set($inputRoot = $input.path('$'))
            [
            #foreach($elem in $inputRoot.pets)
              {
                "description" : "Item $elem.id is a $elem.type.",
                "askingPrice" : $elem.price
              }#if($foreach.hasNext),#end

            #end
            ]""", """
            [
              {
                "description" : "Item 1 is a dog.",
                "askingPrice" : 249.99
              },
              {
                "description" : "Item 2 is a cat.",
                "askingPrice" : 124.99
              }
            ]"""),
        // Velocity 1.7's whitespace: indentation before a directive stays, the newline after it goes ("bc"
        // gobbling); the guide prints this example's output pretty-printed.
        new Example("the guide's example passing all request parameters", "{}", """
            #set($allParams = $input.params())
            {
              "params" : {
                #foreach($type in $allParams.keySet())
                #set($params = $allParams.get($type))
                "$type" : {
                  #foreach($paramName in $params.keySet())
                  "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                  #if($foreach.hasNext),#end
                  #end
                }
                #if($foreach.hasNext),#end
                #end
              }
            }""", "{\n  \"params\" : {\n        \"path\" : {\n          }\n    ,        \"querystring\" : {\n"
            + "            \"room\" : \"7\"\n                }\n    ,        \"header\" : {\n"
            + "            \"x-tenant\" : \"acme\"\n                }\n          }\n}"),
        new Example("input.params(name) looks in the query string, then the headers", "{}",
            "$input.params('room') $input.params('x-tenant') [$input.params('none')]", "7 acme []"),
        // --- $context (WebSocket mapping template reference) --------------------------------------------------
        new Example("the guide's context example, WebSocket variables", "{}", """
            {
                "stage" : "$context.stage",
                "request_id" : "$context.requestId",
                "api_id" : "$context.apiId",
                "source_ip" : "$context.identity.sourceIp",
                "user-agent" : "$context.identity.userAgent",
                "account_id" : "$context.identity.accountId",
                "caller" : "$context.identity.caller",
                "principal" : "$context.authorizer.principalId"
            }""", """
            {
                "stage" : "prod",
                "request_id" : "L0SM9HwvHcCEBg=",
                "api_id" : "abcd1234",
                "source_ip" : "192.0.2.1",
                "user-agent" : "curl/7.84.0",
                "account_id" : "",
                "caller" : "",
                "principal" : ""
            }"""),
        new Example("connection variables", "{}",
            "$context.connectionId $context.connectedAt $context.eventType $context.messageDirection "
                + "$context.routeKey $context.domainName",
            "L0SM9cOFvHcCIhw= 1700000000000 MESSAGE IN sendmessage abcd1234.execute-api.us-east-1.amazonaws.com"),
        new Example("request time in CLF and epoch", "{}", "$context.requestTime|$context.requestTimeEpoch",
            "14/Nov/2023:22:13:20 +0000|1700000000000"),
        // --- $stageVariables -----------------------------------------------------------------------------------
        new Example("stage variables in all three spellings", "{}",
            "$stageVariables.version/$stageVariables['table']/${stageVariables['version']}", "v2/orders/v2"),
        new Example("an undefined stage variable renders nothing", "{}", "[$stageVariables.none]", "[]"),
        // --- $util ---------------------------------------------------------------------------------------------
        new Example("escapeJavaScript escapes ' as \\'", "{}", "$util.escapeJavaScript(\"it's\")", "it\\'s"),
        new Example("escapeJavaScript of JSON text", "{\"a\":\"x/y\"}", "$util.escapeJavaScript($input.json('$'))",
            "{\\\"a\\\":\\\"x\\/y\\\"}"),
        new Example("the guide's fix for \\' in JSON", "{\"name\":\"O'Brien\"}",
            "\"$util.escapeJavaScript($input.path('$.name')).replaceAll(\"\\\\'\",\"'\")\"", "\"O'Brien\""),
        new Example("the guide's parseJson example", "{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\","
                + "\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}", """
            #set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
            {
               "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]
            }""", """
            {
               "errorMessageObjKey2ArrVal" : 1
            }"""),
        new Example("urlEncode is form encoding", "{}", "$util.urlEncode(\"a b&c=d/é\")", "a+b%26c%3Dd%2F%C3%A9"),
        new Example("urlDecode undoes it", "{}", "$util.urlDecode(\"a+b%26c%3Dd%2F%C3%A9\")", "a b&c=d/é"),
        new Example("base64Encode of UTF-8", "{}", "$util.base64Encode(\"héllo\")", "aMOpbGxv"),
        new Example("base64Decode to UTF-8", "{}", "$util.base64Decode(\"aMOpbGxv\")", "héllo"),
        // --- Velocity 1.7 as API Gateway runs it --------------------------------------------------------------
        new Example("#if on an empty string is true, as in Velocity 1.7", "{\"s\":\"\"}",
            "#if($input.path('$.s'))set#{else}unset#end #if($input.path('$.none'))set#{else}unset#end",
            "set unset"),
        new Example("a line holding only a directive leaves no blank line", "{\"n\":3}",
            "a\n#set($n = $input.path('$.n'))\nb $n\n", "a\nb 3\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void rendersAsTheDeveloperGuideShows(Example example) {
    String output = ENGINE.compile(example.name(), example.template())
        .render(new TemplateContext(example.body(), CONTEXT, STAGE, Map.of(), QUERY, HEADERS));
    assertEquals(example.expected(), output);
  }
}
