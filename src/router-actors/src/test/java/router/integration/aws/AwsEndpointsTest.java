package router.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsEndpointsTest {
  private final AwsEndpoints endpoints = new AwsEndpoints(Map.of("sqs", URI.create("http://127.0.0.1:9324")));

  @Test
  void usesTheConfiguredEndpointOfTheService() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:eu-west-1:sqs:path/1/q");
    assertEquals(URI.create("http://127.0.0.1:9324"), endpoints.endpointFor(arn));
    assertEquals("eu-west-1", endpoints.signingRegion(arn));
  }

  @Test
  void otherwiseTheServicesAwsEndpointForTheRegion() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:eu-west-1:sns:action/Publish");
    assertEquals(URI.create("https://sns.eu-west-1.amazonaws.com"), endpoints.endpointFor(arn));
    assertEquals("eu-west-1", endpoints.signingRegion(arn));
  }

  @Test
  void putsTheSubdomainInFrontOfTheHost() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:us-east-1:abc-ats.iotdata:path/topics/t");
    assertEquals("abc-ats.", endpoints.endpointFor(arn).getHost().substring(0, 8));
  }

  @Test
  void usesThePartitionsDomain() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws-cn:apigateway:cn-north-1:sqs:path/1/q");
    assertEquals("https://sqs.cn-north-1.amazonaws.com.cn",
        new AwsEndpoints(Map.of()).endpointFor(arn).toString());
  }
}
