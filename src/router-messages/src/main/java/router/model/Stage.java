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
    return toBuilder().deploymentId(newDeploymentId).lastUpdatedDate(now).lastDeploymentStatusMessage(statusMessage)
        .build();
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

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this stage's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Stage} field by field; a field not set stays null. */
  public static final class Builder {
    private String stageName;
    private String deploymentId;
    private String description;
    private Boolean autoDeploy;
    private Map<String, String> stageVariables;
    private RouteSettings defaultRouteSettings;
    private Map<String, RouteSettings> routeSettings;
    private AccessLogSettings accessLogSettings;
    private String clientCertificateId;
    private Map<String, String> tags;
    private Instant createdDate;
    private Instant lastUpdatedDate;
    private String lastDeploymentStatusMessage;
    private Boolean apiGatewayManaged;

    private Builder() {}

    private Builder(Stage from) {
      stageName = from.stageName;
      deploymentId = from.deploymentId;
      description = from.description;
      autoDeploy = from.autoDeploy;
      stageVariables = from.stageVariables;
      defaultRouteSettings = from.defaultRouteSettings;
      routeSettings = from.routeSettings;
      accessLogSettings = from.accessLogSettings;
      clientCertificateId = from.clientCertificateId;
      tags = from.tags;
      createdDate = from.createdDate;
      lastUpdatedDate = from.lastUpdatedDate;
      lastDeploymentStatusMessage = from.lastDeploymentStatusMessage;
      apiGatewayManaged = from.apiGatewayManaged;
    }

    public Builder stageName(String value) {
      stageName = value;
      return this;
    }

    public Builder deploymentId(String value) {
      deploymentId = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder autoDeploy(Boolean value) {
      autoDeploy = value;
      return this;
    }

    public Builder stageVariables(Map<String, String> value) {
      stageVariables = value;
      return this;
    }

    public Builder defaultRouteSettings(RouteSettings value) {
      defaultRouteSettings = value;
      return this;
    }

    public Builder routeSettings(Map<String, RouteSettings> value) {
      routeSettings = value;
      return this;
    }

    public Builder accessLogSettings(AccessLogSettings value) {
      accessLogSettings = value;
      return this;
    }

    public Builder clientCertificateId(String value) {
      clientCertificateId = value;
      return this;
    }

    public Builder tags(Map<String, String> value) {
      tags = value;
      return this;
    }

    public Builder createdDate(Instant value) {
      createdDate = value;
      return this;
    }

    public Builder lastUpdatedDate(Instant value) {
      lastUpdatedDate = value;
      return this;
    }

    public Builder lastDeploymentStatusMessage(String value) {
      lastDeploymentStatusMessage = value;
      return this;
    }

    public Builder apiGatewayManaged(Boolean value) {
      apiGatewayManaged = value;
      return this;
    }

    public Stage build() {
      return new Stage(stageName, deploymentId, description, autoDeploy, stageVariables, defaultRouteSettings,
          routeSettings, accessLogSettings, clientCertificateId, tags, createdDate, lastUpdatedDate,
          lastDeploymentStatusMessage, apiGatewayManaged);
    }
  }
}
