package router.integration.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda function an integration invokes, read from its {@code integrationUri}
 * ({@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function}/invocations}), where
 * {@code {function}} is a name ({@code HelloWorld}), a name with a version or alias ({@code HelloWorld:1},
 * {@code HelloWorld:alpha}), a partial ARN ({@code 123456789012:function:HelloWorld}) or a full ARN, possibly of
 * another account ({@code arn:aws:lambda:us-east-1:210987654321:function:HelloWorld:alpha}).
 *
 * @param region where the function runs: the function ARN's region, else the integration URI's
 * @param accountId the account named in the function ARN, or null (the caller's account)
 * @param name the function's name
 * @param qualifier its version or alias, or null (the unqualified function, {@code $LATEST})
 * @param functionName what the Invoke API's {@code FunctionName} gets: the name, or the unqualified ARN when the
 *     URI gave an account
 */
public record LambdaFunction(String region, String accountId, String name, String qualifier, String functionName) {

  private static final Pattern URI = Pattern.compile(
      "arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(.+)/invocations");
  private static final Pattern FULL_ARN = Pattern.compile(
      "arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\\d{12}):function:([^:]+)(?::([^:]+))?");
  private static final Pattern PARTIAL_ARN = Pattern.compile("(\\d{12}):function:([^:]+)(?::([^:]+))?");
  private static final Pattern NAME = Pattern.compile("([^:]+)(?::([^:]+))?");
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  // Lambda: a version is digits or $LATEST; an alias is letters, digits, '-' and '_', not only digits.
  private static final Pattern VALID_QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9_-]{1,128}");

  /** The function {@code integrationUri} names; an {@link InvalidLambdaUriException} says what is wrong. */
  public static LambdaFunction parse(String integrationUri) {
    if (integrationUri == null || integrationUri.isEmpty()) {
      throw new InvalidLambdaUriException("The integration has no integrationUri");
    }
    Matcher uri = URI.matcher(integrationUri);
    if (!uri.matches()) {
      throw new InvalidLambdaUriException("Not a Lambda integration URI (expected arn:aws:apigateway:{region}:lambda:"
          + "path/2015-03-31/functions/{function}/invocations): " + integrationUri);
    }
    String uriPartition = uri.group(1);
    String uriRegion = uri.group(2);
    String function = URLDecoder.decode(uri.group(3), StandardCharsets.UTF_8);
    if (function.contains("${")) {
      throw new InvalidLambdaUriException("Unresolved stage variable in the function of " + integrationUri);
    }
    Matcher full = FULL_ARN.matcher(function);
    if (full.matches()) {
      if (!full.group(1).equals(uriPartition)) {
        throw new InvalidLambdaUriException("The function ARN's partition " + full.group(1)
            + " differs from the integration URI's " + uriPartition + ": " + integrationUri);
      }
      String arn = "arn:" + full.group(1) + ":lambda:" + full.group(2) + ":" + full.group(3) + ":function:"
          + full.group(4);
      return of(full.group(2), full.group(3), full.group(4), full.group(5), arn, integrationUri);
    }
    if (function.startsWith("arn:")) {
      throw new InvalidLambdaUriException("Malformed function ARN '" + function + "' (expected arn:aws:lambda:"
          + "{region}:{account}:function:{name}[:{qualifier}]) in " + integrationUri);
    }
    Matcher partial = PARTIAL_ARN.matcher(function);
    if (partial.matches()) {
      String arn = "arn:" + uriPartition + ":lambda:" + uriRegion + ":" + partial.group(1) + ":function:"
          + partial.group(2);
      return of(uriRegion, partial.group(1), partial.group(2), partial.group(3), arn, integrationUri);
    }
    Matcher name = NAME.matcher(function);
    if (!name.matches()) {
      throw new InvalidLambdaUriException("Malformed function '" + function + "' (expected {name}[:{qualifier}], "
          + "{account}:function:{name}[:{qualifier}] or a function ARN) in " + integrationUri);
    }
    return of(uriRegion, null, name.group(1), name.group(2), name.group(1), integrationUri);
  }

  private static LambdaFunction of(
      String region, String account, String name, String qualifier, String functionName, String uri) {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new InvalidLambdaUriException("Invalid function name '" + name + "' (1 to 64 letters, digits, '-' or "
          + "'_') in " + uri);
    }
    if (qualifier != null && !VALID_QUALIFIER.matcher(qualifier).matches()) {
      throw new InvalidLambdaUriException("Invalid function version or alias '" + qualifier + "' in " + uri);
    }
    return new LambdaFunction(region, account, name, qualifier, functionName);
  }

  /** How logs name the function: {@code name}, {@code name:qualifier}, or the ARN for another account. */
  @Override
  public String toString() {
    return qualifier == null ? functionName : functionName + ":" + qualifier;
  }
}
