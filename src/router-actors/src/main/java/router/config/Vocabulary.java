package router.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import router.model.IntegrationType;
import router.model.PassthroughBehavior;

/** The closed sets of values API Gateway accepts for enumerated fields of WebSocket APIs. */
final class Vocabulary {
  private Vocabulary() {}

  static final String WEBSOCKET = "WEBSOCKET";
  static final String HTTP = "HTTP";
  static final Set<String> INTEGRATION_TYPES = names(IntegrationType.values());
  static final Set<String> PASSTHROUGH_BEHAVIORS = names(PassthroughBehavior.values());
  static final String VPC_LINK = "VPC_LINK";
  static final Set<String> CONNECTION_TYPES = Set.of("INTERNET", VPC_LINK);
  static final Set<String> CONTENT_HANDLING_STRATEGIES = Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM");
  static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
  static final Set<String> IP_ADDRESS_TYPES = Set.of("ipv4", "dualstack");
  static final Set<String> LOGGING_LEVELS = Set.of("ERROR", "INFO", "OFF");
  static final Set<String> RESERVED_ROUTE_KEYS = Set.of("$connect", "$disconnect", "$default");
  static final String DEFAULT_KEY = "$default";
  static final String DEFAULT_API_KEY_SELECTION = "$request.header.x-api-key";
  static final String PAYLOAD_FORMAT_VERSION = "1.0";
  static final String DEFAULT_CONNECTION_TYPE = "INTERNET";
  /** API Gateway's maximum and default integration timeout for WebSocket APIs. */
  static final int MAX_TIMEOUT_MILLIS = 29_000;
  static final int MIN_TIMEOUT_MILLIS = 50;
  /**
   * The default integration response selection expression of a non-proxy HTTP or MOCK integration, as the
   * developer guide's create-integration sample output prints it.
   */
  static final String STATUS_CODE_SELECTION = "${response.statuscode}";
  /** The default for Lambda (AWS) non-proxy integrations: a pattern match on the function's error message. */
  static final String ERROR_MESSAGE_SELECTION = "${integration.response.body.errorMessage}";
  static final String AUTO_DEPLOY_DESCRIPTION =
      "Automatic deployment triggered by changes to the Api configuration";
  static final String NO_ROUTES = "Unable to deploy API because no routes exist in this API";

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
  }
}
