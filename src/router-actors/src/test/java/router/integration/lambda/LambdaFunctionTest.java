package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LambdaFunctionTest {
  private static final String PREFIX = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

  private static LambdaFunction parse(String function) {
    return LambdaFunction.parse(PREFIX + function + "/invocations");
  }

  @Test
  void readsAFunctionName() {
    assertEquals(new LambdaFunction("us-east-1", null, "HelloWorld", null, "HelloWorld"), parse("HelloWorld"));
  }

  @Test
  void readsAVersionAndAnAlias() {
    assertEquals(new LambdaFunction("us-east-1", null, "HelloWorld", "1", "HelloWorld"), parse("HelloWorld:1"));
    assertEquals(new LambdaFunction("us-east-1", null, "HelloWorld", "alpha", "HelloWorld"),
        parse("HelloWorld:alpha"));
    assertEquals("$LATEST", parse("HelloWorld:$LATEST").qualifier());
  }

  @Test
  void readsAFullArnOfAnotherAccountAndRegion() {
    LambdaFunction f = parse("arn:aws:lambda:eu-west-1:210987654321:function:HelloWorld:alpha");
    assertEquals(new LambdaFunction("eu-west-1", "210987654321", "HelloWorld", "alpha",
        "arn:aws:lambda:eu-west-1:210987654321:function:HelloWorld"), f);
    assertEquals("arn:aws:lambda:eu-west-1:210987654321:function:HelloWorld:alpha", f.toString());
  }

  @Test
  void readsAnUnqualifiedArn() {
    LambdaFunction f = parse("arn:aws:lambda:us-east-1:123456789012:function:my-function_2");
    assertEquals("my-function_2", f.name());
    assertEquals(null, f.qualifier());
    assertEquals("123456789012", f.accountId());
  }

  @Test
  void readsAPartialArnInTheUrisRegion() {
    assertEquals(new LambdaFunction("us-east-1", "123456789012", "HelloWorld", "2",
        "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld"), parse("123456789012:function:HelloWorld:2"));
  }

  @Test
  void readsAPercentEncodedArn() {
    assertEquals("alpha", parse("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3AHelloWorld%3Aalpha")
        .qualifier());
  }

  @Test
  void takesTheRegionFromTheUri() {
    LambdaFunction f = LambdaFunction.parse(
        "arn:aws:apigateway:ap-southeast-2:lambda:path/2015-03-31/functions/HelloWorld/invocations");
    assertEquals("ap-southeast-2", f.region());
  }

  @Test
  void refusesAUriOfAnotherService() {
    var e = assertThrows(InvalidLambdaUriException.class,
        () -> LambdaFunction.parse("arn:aws:apigateway:us-east-1:sqs:action/SendMessage"));
    assertTrue(e.getMessage().contains("Not a Lambda integration URI"), e.getMessage());
  }

  @Test
  void refusesAUriWithoutInvocations() {
    assertThrows(InvalidLambdaUriException.class,
        () -> LambdaFunction.parse(PREFIX + "HelloWorld"));
  }

  @Test
  void refusesAMissingUri() {
    assertThrows(InvalidLambdaUriException.class, () -> LambdaFunction.parse(null));
  }

  @Test
  void refusesAMalformedFunctionArn() {
    var e = assertThrows(InvalidLambdaUriException.class, () -> parse("arn:aws:lambda:us-east-1:12:function:f"));
    assertTrue(e.getMessage().contains("Malformed function ARN"), e.getMessage());
  }

  @Test
  void refusesAnArnOfAnotherPartition() {
    assertThrows(InvalidLambdaUriException.class,
        () -> parse("arn:aws-cn:lambda:cn-north-1:123456789012:function:f"));
  }

  @Test
  void refusesAnInvalidNameOrQualifier() {
    var name = assertThrows(InvalidLambdaUriException.class, () -> parse("Hello World"));
    assertTrue(name.getMessage().contains("Invalid function name"), name.getMessage());
    assertThrows(InvalidLambdaUriException.class, () -> parse("a".repeat(65)));
    var qualifier = assertThrows(InvalidLambdaUriException.class, () -> parse("HelloWorld:al.pha"));
    assertTrue(qualifier.getMessage().contains("Invalid function version or alias"), qualifier.getMessage());
    assertThrows(InvalidLambdaUriException.class, () -> parse("HelloWorld:1:2"));
  }

  @Test
  void refusesAnUnresolvedStageVariable() {
    var e = assertThrows(InvalidLambdaUriException.class, () -> parse("${stageVariables.fn}"));
    assertTrue(e.getMessage().contains("Unresolved stage variable"), e.getMessage());
  }
}
