package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VPC links through the stock AWS CLI ({@code aws apigateway ... --endpoint-url}), as WebSocket API users create
 * them: status from the node's target map, get, list, update, delete, and API Gateway's errors.
 */
class VpcLinkControlPlaneTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/0a1b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("router-vpclink"), Map.of(
        "router.vpc-links.targets.\"" + NLB + "\"", List.of("127.0.0.1:1", "127.0.0.1:2")));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** Runs {@code aws apigateway ...} against the node; returns its exit code and output. */
  private static Result aws(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws", "apigateway"));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--endpoint-url", node.controlUrl(), "--output", "json"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {
    JsonNode json() throws Exception {
      assertEquals(0, exit, output);
      return JSON.readTree(output);
    }
  }

  @Test
  void createsGetsListsUpdatesAndDeletesALinkWithTheCli() throws Exception {
    JsonNode created = aws("create-vpc-link", "--name", "orders", "--target-arns", NLB).json();
    String id = created.get("id").asText();
    assertEquals("AVAILABLE", created.get("status").asText());
    assertEquals(NLB, created.get("targetArns").get(0).asText());

    assertEquals("orders", aws("get-vpc-link", "--vpc-link-id", id).json().get("name").asText());
    JsonNode listed = aws("get-vpc-links").json();
    assertTrue(listed.get("items").toString().contains(id), listed.toString());

    JsonNode renamed = aws("update-vpc-link", "--vpc-link-id", id, "--patch-operations",
        "op=replace,path=/name,value=orders-v2").json();
    assertEquals("orders-v2", renamed.get("name").asText());

    assertEquals(0, aws("delete-vpc-link", "--vpc-link-id", id).exit());
    Result gone = aws("get-vpc-link", "--vpc-link-id", id);
    assertTrue(gone.exit() != 0 && gone.output().contains("NotFoundException"), gone.output());
  }

  @Test
  void aLinkToAnUnmappedTargetIsCreatedFailedWithAMessage() throws Exception {
    JsonNode created = aws("create-vpc-link", "--name", "nowhere", "--target-arns",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/none/1").json();
    assertEquals("FAILED", created.get("status").asText());
    assertTrue(created.get("statusMessage").asText().contains("router.vpc-links.targets"));
  }

  @Test
  void refusesALinkWithoutTargetsWithBadRequest() throws Exception {
    Result refused = aws("create-vpc-link", "--name", "empty", "--target-arns", "not-an-arn");
    assertTrue(refused.exit() != 0 && refused.output().contains("BadRequestException"), refused.output());
  }
}
