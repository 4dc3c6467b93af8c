package router.integration;

import java.util.regex.Pattern;
import router.model.Integration;
import router.model.IntegrationType;

/**
 * Which backend serves an integration: its type, and for HTTP types the connection type, for AWS types the
 * service its ARN names. One {@link IntegrationBackend} per kind on a node.
 */
public enum BackendKind {
  MOCK,
  /** HTTP and HTTP_PROXY over the internet. */
  HTTP,
  /** HTTP and HTTP_PROXY through a VPC link ({@code connectionType} VPC_LINK). */
  VPC_LINK,
  /** AWS and AWS_PROXY with {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/.../invocations}. */
  LAMBDA,
  /** AWS with {@code arn:aws:apigateway:{region}:{service}:action/...} or {@code :path/...}. */
  AWS_SERVICE,
  /**
   * An actor of the host application, registered with the Receptionist: {@code
   * arn:aws:apigateway:{region}:actor:path/{serviceKey}}.
   */
  ACTOR;

  private static final Pattern LAMBDA_URI = Pattern.compile("arn:aws[a-z-]*:apigateway:[^:]*:lambda:path/.*");
  private static final Pattern ACTOR_URI = Pattern.compile("arn:aws[a-z-]*:apigateway:[^:]*:actor:path/.*");

  /** The kind of backend that serves {@code integration}. */
  public static BackendKind of(Integration integration) {
    IntegrationType type = IntegrationType.valueOf(integration.integrationType());
    String uri = integration.integrationUri();
    return switch (type) {
      case MOCK -> MOCK;
      case HTTP, HTTP_PROXY -> "VPC_LINK".equals(integration.connectionType()) ? VPC_LINK : HTTP;
      case AWS, AWS_PROXY -> uri != null && LAMBDA_URI.matcher(uri).matches() ? LAMBDA
          : uri != null && ACTOR_URI.matcher(uri).matches() ? ACTOR : AWS_SERVICE;
    };
  }
}
