package router.integration.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Where an AWS service integration sends its request and for which region it signs it: the endpoint configured
 * for the service ({@code router.integrations.aws.endpoints.<service>}), else the service's AWS endpoint for the
 * ARN's region from the SDK's endpoint metadata (with the ARN's subdomain in front).
 */
public final class AwsEndpoints {
  private final Map<String, URI> overrides;

  public AwsEndpoints(Map<String, URI> overrides) {
    this.overrides = overrides;
  }

  /** The base URL of the service {@code arn} names. */
  public URI endpointFor(AwsServiceArn arn) {
    URI override = overrides.get(arn.service());
    if (override != null) return override;
    URI known = ServiceMetadata.of(arn.service()).endpointFor(Region.of(arn.region()));
    String host = known.getHost() != null ? known.getHost() : known.toString();
    if (arn.subdomain() != null) host = arn.subdomain() + "." + host;
    return URI.create("https://" + host);
  }

  /** The region the signature names: the ARN's, or the service's signing region for a global service. */
  public String signingRegion(AwsServiceArn arn) {
    if (overrides.containsKey(arn.service())) return arn.region();
    Region signing = ServiceMetadata.of(arn.service()).signingRegion(Region.of(arn.region()));
    return signing == null ? arn.region() : signing.id();
  }
}
