package router.integration.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration URI of an AWS service integration, {@code arn:aws:apigateway:{region}:{subdomain.service|service}:
 * path|action/{service_api}} (API Gateway's {@code Integration.uri}): {@code action/{Action}&p1=v1...} calls an
 * action-based (query) API, {@code path/{path}} a path-based one.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param region the region of the service's endpoint and of the signature
 * @param subdomain the designated subdomain some services offer for host-name lookup, or null
 * @param service the service's endpoint prefix and signing name ({@code sqs}, {@code s3}, {@code dynamodb})
 * @param form {@link Form#ACTION} or {@link Form#PATH}
 * @param serviceApi what follows {@code action/} or {@code path/}, as written
 */
public record AwsServiceArn(
    String partition, String region, String subdomain, String service, Form form, String serviceApi) {

  /** The two forms of {@code service_api}. */
  public enum Form {
    /** {@code action/{Action}&p1=v1}: {@code ?Action={Action}&p1=v1} on the service's root path. */
    ACTION,
    /** {@code path/{path}}: the request goes to {@code /{path}}. */
    PATH
  }

  private static final Pattern ARN = Pattern.compile(
      "arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):(?:([A-Za-z0-9.-]+)\\.)?([A-Za-z0-9-]+):(action|path)/(.*)",
      Pattern.DOTALL);
  private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Parses {@code uri}; throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static AwsServiceArn parse(String uri) {
    if (uri == null || uri.isEmpty()) throw new IllegalArgumentException("the integration has no URI");
    Matcher m = ARN.matcher(uri);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + uri + "' is not of the form "
          + "arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}");
    }
    Form form = m.group(5).equals("action") ? Form.ACTION : Form.PATH;
    String serviceApi = m.group(6);
    if (form == Form.ACTION) {
      int amp = serviceApi.indexOf('&');
      String action = amp < 0 ? serviceApi : serviceApi.substring(0, amp);
      if (!ACTION_NAME.matcher(action).matches()) {
        throw new IllegalArgumentException("'" + uri + "' names no action after action/");
      }
    }
    return new AwsServiceArn(m.group(1), m.group(2), m.group(3), m.group(4), form, serviceApi);
  }

  /** The action of the {@code action/} form ({@code SendMessage}), or null for the {@code path/} form. */
  public String action() {
    if (form != Form.ACTION) return null;
    int amp = serviceApi.indexOf('&');
    return amp < 0 ? serviceApi : serviceApi.substring(0, amp);
  }
}
