package router.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class AwsRequestBuilderTest {
  private static final URI SQS = URI.create("https://sqs.us-east-1.amazonaws.com");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final AwsBasicCredentials KEYS =
      AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  private static SdkHttpFullRequest build(String uri, String method, String body, Map<String, String> headers,
      Map<String, String> query) {
    return AwsRequestBuilder.build(AwsServiceArn.parse(uri), SQS, method, body.getBytes(StandardCharsets.UTF_8),
        headers, query);
  }

  @Test
  void pathFormPostsToThePathWithTheMappedHeaderAndTheTemplateBody() throws IOException {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", "POST",
        "Action=SendMessage&MessageBody=hi", Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of());
    assertEquals(SdkHttpMethod.POST, request.method());
    assertEquals("sqs.us-east-1.amazonaws.com", request.host());
    assertEquals("/123456789012/orders", request.encodedPath());
    assertEquals(Map.of(), request.rawQueryParameters());
    assertEquals(List.of("application/x-www-form-urlencoded"), request.headers().get("Content-Type"));
    assertEquals(List.of("33"), request.headers().get("Content-Length"));
    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
      assertEquals("Action=SendMessage&MessageBody=hi", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void actionFormCallsTheRootPathWithTheActionAndItsParametersInTheQuery() {
    Map<String, String> mapped = new LinkedHashMap<>();
    mapped.put("MessageBody", "a b&c");
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:action/SendMessage&QueueUrl=q%2F1&Version=1",
        "get", "", Map.of(), mapped);
    assertEquals(SdkHttpMethod.GET, request.method());
    assertEquals("/", request.encodedPath());
    assertEquals(List.of("SendMessage"), request.rawQueryParameters().get("Action"));
    assertEquals(List.of("q/1"), request.rawQueryParameters().get("QueueUrl"));
    assertEquals(List.of("1"), request.rawQueryParameters().get("Version"));
    assertEquals(List.of("a b&c"), request.rawQueryParameters().get("MessageBody"));
    assertEquals(URI.create("https://sqs.us-east-1.amazonaws.com/?Action=SendMessage&QueueUrl=q%2F1&Version=1"
        + "&MessageBody=a%20b%26c"), request.getUri());
  }

  @Test
  void sendsJsonContentTypeWhenNoneIsMapped() {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:path/1/q", null, "{}", Map.of(), Map.of());
    assertEquals(SdkHttpMethod.POST, request.method());
    assertEquals(List.of("application/json"), request.headers().get("Content-Type"));
  }

  @Test
  void pathKeepsItsQueryAndEncodesWhatAPathCannotHold() {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:s3:path/my bucket/ké%2Fy?versionId=3", "GET", "",
        Map.of(), Map.of());
    assertEquals("/my%20bucket/k%C3%A9%2Fy", request.encodedPath());
    assertEquals(List.of("3"), request.rawQueryParameters().get("versionId"));
  }

  @Test
  void endpointOverrideKeepsItsPortAndBasePath() {
    SdkHttpFullRequest request = AwsRequestBuilder.build(
        AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:path/000000000000/q"),
        URI.create("http://127.0.0.1:9324/base/"), "POST", new byte[0], Map.of(), Map.of());
    assertEquals("http", request.protocol());
    assertEquals("127.0.0.1", request.host());
    assertEquals(9324, request.port());
    assertEquals("/base/000000000000/q", request.encodedPath());
  }

  @Test
  void signsWithHostDateAndAuthorizationForTheServiceAndRegion() {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders", "POST",
        "Action=SendMessage&MessageBody=hi", Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of());
    SdkHttpRequest signed = AwsRequestBuilder.sign(request, KEYS, "sqs", "us-east-1", CLOCK);
    assertEquals(List.of("sqs.us-east-1.amazonaws.com"), signed.headers().get("Host"));
    assertEquals(List.of("20150830T123600Z"), signed.headers().get("X-Amz-Date"));
    String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
    assertTrue(authorization.startsWith(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, SignedHeaders="),
        authorization);
    assertTrue(authorization.contains("content-type;host;"), authorization);
    assertTrue(authorization.contains(";x-amz-date, "), authorization);
    assertTrue(authorization.matches(".*, Signature=[0-9a-f]{64}"), authorization);
    assertEquals("/123456789012/orders", signed.encodedPath());
  }

  @Test
  void signatureVerifiesAsAServiceChecksIt() throws Exception {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:action/SendMessage&QueueUrl=q%2F1",
        "POST", "MessageBody=hi", Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of("A b", "c d"));
    SdkHttpRequest signed = AwsRequestBuilder.sign(request, KEYS, "sqs", "us-east-1", CLOCK);
    assertTrue(SigV4Verifier.verify(KEYS.secretAccessKey(), "POST", "/",
        "A%20b=c%20d&Action=SendMessage&QueueUrl=q%2F1", signed.headers(),
        "MessageBody=hi".getBytes(StandardCharsets.UTF_8)));
    assertTrue(!SigV4Verifier.verify("another secret", "POST", "/", "A%20b=c%20d&Action=SendMessage&QueueUrl=q%2F1",
        signed.headers(), "MessageBody=hi".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signsSessionCredentialsWithTheirToken() {
    SdkHttpFullRequest request = build("arn:aws:apigateway:us-east-1:sqs:path/1/q", "POST", "", Map.of(), Map.of());
    SdkHttpRequest signed = AwsRequestBuilder.sign(request,
        AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "the-token"), "sqs", "us-east-1", CLOCK);
    assertEquals(List.of("the-token"), signed.headers().get("X-Amz-Security-Token"));
  }
}
