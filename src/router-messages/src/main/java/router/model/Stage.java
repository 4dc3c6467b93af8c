package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import router.CborSerializable;

/** A stage: a named, addressable pointer to a deployment, with stage variables and settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stage(
    String stageName,
    String deploymentId,
    String description,
    Boolean autoDeploy,
    Map<String, String> stageVariables,
    RouteSettings defaultRouteSettings,
    Map<String, RouteSettings> routeSettings,
    AccessLogSettings accessLogSettings,
    String clientCertificateId,
    Map<String, String> tags,
    Instant createdDate,
    Instant lastUpdatedDate,
    String lastDeploymentStatusMessage,
    Boolean apiGatewayManaged)
    implements CborSerializable {

  /** This stage with every non-null field of {@code patch} applied (UpdateStage semantics). */
  public Stage merge(Stage patch, Instant now) {
    return new Stage(
        stageName,
        Nulls.or(patch.deploymentId, deploymentId),
        Nulls.or(patch.description, description),
        Nulls.or(patch.autoDeploy, autoDeploy),
        Nulls.or(patch.stageVariables, stageVariables),
        patch.defaultRouteSettings == null ? defaultRouteSettings
            : Nulls.or(defaultRouteSettings, RouteSettings.DEFAULT).merge(patch.defaultRouteSettings),
        Nulls.or(patch.routeSettings, routeSettings),
        Nulls.or(patch.accessLogSettings, accessLogSettings),
        Nulls.or(patch.clientCertificateId, clientCertificateId),
        tags,
        createdDate,
        now,
        lastDeploymentStatusMessage,
        apiGatewayManaged);
  }

  /** The same stage pointing at another deployment. */
  public Stage withDeployment(String newDeploymentId, Instant now, String statusMessage) {
    return new Stage(stageName, newDeploymentId, description, autoDeploy, stageVariables, defaultRouteSettings,
        routeSettings, accessLogSettings, clientCertificateId, tags, createdDate, now, statusMessage,
        apiGatewayManaged);
  }

  /** The same stage with API Gateway's defaults filled in and its creation dates set. */
  public Stage asCreated(Instant now) {
    return new Stage(stageName, deploymentId, description, Nulls.or(autoDeploy, Boolean.FALSE),
        Nulls.or(stageVariables, Map.of()),
        defaultRouteSettings == null ? RouteSettings.DEFAULT : RouteSettings.DEFAULT.merge(defaultRouteSettings),
        Nulls.or(routeSettings, Map.of()), accessLogSettings, clientCertificateId, Nulls.or(tags, Map.of()), now,
        now, lastDeploymentStatusMessage, apiGatewayManaged);
  }

  public boolean isAutoDeploy() {
    return Boolean.TRUE.equals(autoDeploy);
  }
}
