package router.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AwsServiceArnTest {

  @Test
  void parsesThePathForm() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders");
    assertEquals(new AwsServiceArn("aws", "us-east-1", null, "sqs", AwsServiceArn.Form.PATH,
        "123456789012/orders"), arn);
    assertNull(arn.action());
  }

  @Test
  void parsesTheActionFormWithItsParameters() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:us-west-2:s3:action/GetObject&Bucket=b&Key=k");
    assertEquals(AwsServiceArn.Form.ACTION, arn.form());
    assertEquals("s3", arn.service());
    assertEquals("us-west-2", arn.region());
    assertEquals("GetObject", arn.action());
    assertEquals("GetObject&Bucket=b&Key=k", arn.serviceApi());
  }

  @Test
  void parsesTheActionFormWithoutParameters() {
    assertEquals("SendMessage", AwsServiceArn.parse("arn:aws:apigateway:eu-west-1:sqs:action/SendMessage").action());
  }

  @Test
  void separatesTheSubdomainFromTheService() {
    AwsServiceArn arn = AwsServiceArn.parse("arn:aws:apigateway:us-east-1:abc123-ats.iotdata:path/topics/t");
    assertEquals("abc123-ats", arn.subdomain());
    assertEquals("iotdata", arn.service());
  }

  @Test
  void acceptsOtherPartitions() {
    assertEquals("aws-cn", AwsServiceArn.parse("arn:aws-cn:apigateway:cn-north-1:sqs:path/1/q").partition());
  }

  @Test
  void acceptsAnEmptyPath() {
    assertEquals("", AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:path/").serviceApi());
  }

  @Test
  void refusesArnsOfOtherServicesThanApiGateway() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AwsServiceArn.parse("arn:aws:sqs:us-east-1:123456789012:orders"));
    assertTrue(e.getMessage().contains("arn:aws:sqs:us-east-1:123456789012:orders"), e.getMessage());
  }

  @Test
  void refusesAnArnWithoutPathOrAction() {
    assertThrows(IllegalArgumentException.class,
        () -> AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:resource/123/q"));
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:path"));
  }

  @Test
  void refusesAnArnWithoutRegion() {
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse("arn:aws:apigateway::sqs:path/1/q"));
  }

  @Test
  void refusesAnActionWithoutName() {
    assertThrows(IllegalArgumentException.class,
        () -> AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:action/&QueueUrl=x"));
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse("arn:aws:apigateway:us-east-1:sqs:action/"));
  }

  @Test
  void refusesHttpUrlsAndNothing() {
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse("https://sqs.us-east-1.amazonaws.com/1/q"));
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse(""));
    assertThrows(IllegalArgumentException.class, () -> AwsServiceArn.parse(null));
  }
}
