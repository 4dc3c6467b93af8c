package router.tests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.PassthroughBehavior;

/**
 * Each Integration Request type's form saves exactly what the AWS CLI sends for the same integration: the form's
 * integration and one created through the AWS SDK (the CLI's own client) read back the same, field for field.
 */
class ConsoleIntegrationTypesTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:chat:live";
  private static final String FUNCTION_URI =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION + "/invocations";
  private static final String ROLE = "arn:aws:iam::123456789012:role/apigateway-invoke";

  @TempDir static Path dataDir;
  static ConsoleSession s;
  static ApiGatewayV2Client cli;
  static String apiId;

  @BeforeAll
  static void start() throws Exception {
    s = ConsoleSession.start(dataDir);
    cli = ApiGatewayV2Client.builder()
        .endpointOverride(URI.create(s.controlUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
    apiId = s.createApi("types");
  }

  @AfterEach
  void noScriptErrors() {
    assertEquals(List.of(), s.scriptErrors());
  }

  @AfterAll
  static void stop() throws Exception {
    cli.close();
    s.close();
  }

  @Test
  void lambdaProxyWithAnExecutionRole() throws Exception {
    JsonNode saved = saveThroughForm("LAMBDA", form -> {
      s.type(form, "Lambda region", "us-east-1");
      s.type(form, "Lambda function", FUNCTION);
      s.type(form, "Execution role", ROLE);
    }, b -> b.integrationType(IntegrationType.AWS_PROXY).integrationMethod("POST").integrationUri(FUNCTION_URI)
        .credentialsArn(ROLE));
    assertEquals("AWS_PROXY", saved.get("integrationType").asText());
    assertEquals(FUNCTION_URI, saved.get("integrationUri").asText());
  }

  @Test
  void lambdaCustomWithCallerCredentialsAndATemplate() throws Exception {
    JsonNode saved = saveThroughForm("LAMBDA", form -> {
      s.type(form, "Lambda function", FUNCTION);
      s.field(form, "Use Lambda Proxy integration").click();
      s.field(form, "Invoke with caller credentials").click();
      s.type(form, "Template selection expression", "\\$default");
      s.addPair(form, "Add template", "Template key", "$default", "Template", "{\"body\": $input.body}");
    }, b -> b.integrationType(IntegrationType.AWS).integrationMethod("POST").integrationUri(FUNCTION_URI)
        .credentialsArn("arn:aws:iam::*:user/*").templateSelectionExpression("\\$default")
        .requestTemplates(Map.of("$default", "{\"body\": $input.body}")));
    assertEquals("AWS", saved.get("integrationType").asText());
    assertEquals("arn:aws:iam::*:user/*", saved.get("credentialsArn").asText());
  }

  @Test
  void httpWithARequestParameter() throws Exception {
    JsonNode saved = saveThroughForm("HTTP", form -> {
      new Select(s.field(form, "HTTP method")).selectByValue("PUT");
      s.type(form, "Endpoint URL", "https://backend.example.com/messages");
      s.addPair(form, "Add parameter", "Parameter", "integration.request.header.x-user", "Mapped from",
          "route.request.header.x-user");
    }, b -> b.integrationType(IntegrationType.HTTP).integrationMethod("PUT")
        .integrationUri("https://backend.example.com/messages")
        .requestParameters(Map.of("integration.request.header.x-user", "route.request.header.x-user")));
    assertEquals("PUT", saved.get("integrationMethod").asText());
    assertEquals("route.request.header.x-user",
        saved.get("requestParameters").get("integration.request.header.x-user").asText());
  }

  @Test
  void httpProxy() throws Exception {
    JsonNode saved = saveThroughForm("HTTP", form -> {
      s.type(form, "Endpoint URL", "https://backend.example.com/${stageVariables.path}");
      s.field(form, "Use HTTP Proxy integration").click();
    }, b -> b.integrationType(IntegrationType.HTTP_PROXY).integrationMethod("POST")
        .integrationUri("https://backend.example.com/${stageVariables.path}"));
    assertEquals("HTTP_PROXY", saved.get("integrationType").asText());
  }

  @Test
  void mockWithTemplatesPassthroughAndTimeout() throws Exception {
    JsonNode saved = saveThroughForm("MOCK", form -> {
      s.type(form, "Timeout (milliseconds)", "1000");
      s.type(form, "Template selection expression", "${request.body.kind}");
      s.addPair(form, "Add template", "Template key", "ping", "Template", "{\"statusCode\": 200}");
      s.addPair(form, "Add template", "Template key", "fail", "Template", "{\"statusCode\": 500}");
      new Select(s.field(form, "Passthrough behavior (when no template matches)")).selectByValue("NEVER");
    }, b -> b.integrationType(IntegrationType.MOCK).timeoutInMillis(1000)
        .templateSelectionExpression("${request.body.kind}")
        .requestTemplates(Map.of("ping", "{\"statusCode\": 200}", "fail", "{\"statusCode\": 500}"))
        .passthroughBehavior(PassthroughBehavior.NEVER));
    assertEquals(1000, saved.get("timeoutInMillis").asInt());
    assertEquals(2, saved.get("requestTemplates").size());
  }

  @Test
  void awsServiceWithAPathOverride() throws Exception {
    String uri = "arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders";
    JsonNode saved = saveThroughForm("AWS", form -> {
      s.type(form, "AWS region", "eu-west-1");
      s.type(form, "AWS service", "sqs");
      new Select(s.field(form, "Action type")).selectByValue("path");
      s.type(form, "Action name or path override", "123456789012/orders");
      s.type(form, "Execution role", ROLE);
      s.addPair(form, "Add template", "Template key", "$default", "Template",
          "Action=SendMessage&MessageBody=$util.urlEncode($input.body)");
    }, b -> b.integrationType(IntegrationType.AWS).integrationMethod("POST").integrationUri(uri).credentialsArn(ROLE)
        .requestTemplates(Map.of("$default", "Action=SendMessage&MessageBody=$util.urlEncode($input.body)")));
    assertEquals(uri, saved.get("integrationUri").asText());
  }

  @Test
  void awsServiceWithAnAction() throws Exception {
    JsonNode saved = saveThroughForm("AWS", form -> {
      s.type(form, "AWS service", "sqs");
      s.type(form, "Action name or path override", "SendMessage");
      new Select(s.field(form, "HTTP method")).selectByValue("GET");
    }, b -> b.integrationType(IntegrationType.AWS).integrationMethod("GET")
        .integrationUri("arn:aws:apigateway:us-east-1:sqs:action/SendMessage"));
    assertEquals("GET", saved.get("integrationMethod").asText());
  }

  @Test
  void vpcLinkThroughAStageVariable() throws Exception {
    JsonNode saved = saveThroughForm("VPC_LINK", form -> {
      s.type(form, "Endpoint URL", "http://orders.internal:8080/messages");
    }, b -> b.integrationType(IntegrationType.HTTP_PROXY).integrationMethod("POST")
        .integrationUri("http://orders.internal:8080/messages")
        .connectionType(ConnectionType.VPC_LINK).connectionId("${stageVariables.vpcLinkId}"));
    assertEquals("VPC_LINK", saved.get("connectionType").asText());
    assertEquals("${stageVariables.vpcLinkId}", saved.get("connectionId").asText());
  }

  @Test
  void vpcLinkChosenFromTheList() throws Exception {
    String linkId = s.ok("POST", "/vpclinks", Map.of("name", "orders-link",
        "targetArns", java.util.List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/1")))
        .get("id").asText();
    JsonNode saved = saveThroughForm("VPC_LINK", form -> {
      new Select(s.field(form, "VPC link")).selectByValue(linkId);
      new Select(s.field(form, "HTTP method")).selectByValue("GET");
      s.type(form, "Endpoint URL", "http://orders.internal:8080/status");
      s.field(form, "Use proxy integration").click();
    }, b -> b.integrationType(IntegrationType.HTTP).integrationMethod("GET")
        .integrationUri("http://orders.internal:8080/status")
        .connectionType(ConnectionType.VPC_LINK).connectionId(linkId));
    assertEquals(linkId, saved.get("connectionId").asText());
    assertEquals("HTTP", saved.get("integrationType").asText());

    // The VPC links page lists it.
    s.open("#/vpclinks");
    assertTrue(s.driver.findElement(By.cssSelector("[aria-label='VPC links']")).getText().contains("orders-link"));
  }

  @Test
  void changingTheTypeKeepsNoFieldOfTheOldTypeAndKeepsTheResponses() throws Exception {
    String routeId = s.createRoute(apiId, "retyped");
    String oldId = s.ok("POST", "/v2/apis/" + apiId + "/integrations", Map.of("integrationType", "HTTP",
        "integrationMethod", "GET", "integrationUri", "https://old.example.com", "credentialsArn", ROLE))
        .get("integrationId").asText();
    s.ok("PATCH", "/v2/apis/" + apiId + "/routes/" + routeId, Map.of("target", "integrations/" + oldId));
    s.ok("POST", "/v2/apis/" + apiId + "/integrations/" + oldId + "/integrationresponses",
        Map.of("integrationResponseKey", "$default", "responseTemplates", Map.of("$default", "kept")));

    s.open("#/apis/" + apiId + "/routes/" + routeId + "/integration");
    WebElement form = s.form("integration-form");
    assertTrue(s.driver.findElement(By.id("type-HTTP")).isSelected());
    assertEquals("https://old.example.com", s.field(form, "Endpoint URL").getAttribute("value"));
    s.driver.findElement(By.cssSelector("label[for=type-MOCK]")).click();
    s.submit(form);
    s.waitForHash("#/apis/" + apiId + "/routes/" + routeId);

    JsonNode saved = integrationOf(routeId);
    assertEquals("MOCK", saved.get("integrationType").asText());
    assertFalse(saved.has("integrationUri") || saved.has("credentialsArn") || saved.has("integrationMethod"),
        saved.toString());
    JsonNode responses = s.ok("GET", "/v2/apis/" + apiId + "/integrations/" + saved.get("integrationId").asText()
        + "/integrationresponses", null).get("items");
    assertEquals("kept", responses.get(0).get("responseTemplates").get("$default").asText());
    assertEquals(404, s.call("GET", "/v2/apis/" + apiId + "/integrations/" + oldId, null).status());
  }

  // ---- One type: the form on a new route, then the same integration through the CLI's client --------------

  private JsonNode saveThroughForm(String type, Consumer<WebElement> fill,
      Consumer<CreateIntegrationRequest.Builder> cliArguments) throws Exception {
    String routeId = s.createRoute(apiId, "route-" + System.nanoTime());
    s.open("#/apis/" + apiId + "/routes/" + routeId + "/integration");
    WebElement form = s.form("integration-form");
    s.driver.findElement(By.cssSelector("label[for=type-" + type + "]")).click();
    fill.accept(form);
    s.submit(form);
    s.waitForHash("#/apis/" + apiId + "/routes/" + routeId);

    ObjectNode saved = (ObjectNode) integrationOf(routeId);
    String cliId = cli.createIntegration(b -> cliArguments.accept(b.apiId(apiId))).integrationId();
    ObjectNode expected = (ObjectNode) s.ok("GET", "/v2/apis/" + apiId + "/integrations/" + cliId, null);
    ObjectNode actual = saved.deepCopy();
    expected.remove("integrationId");
    actual.remove("integrationId");
    assertEquals(expected, actual);
    return saved;
  }

  private JsonNode integrationOf(String routeId) throws Exception {
    String target = s.ok("GET", "/v2/apis/" + apiId + "/routes/" + routeId, null).get("target").asText();
    return s.ok("GET", "/v2/apis/" + apiId + "/integrations/" + target.substring("integrations/".length()), null);
  }
}
