package router.config;

import static router.config.Validation.description;
import static router.config.Validation.existing;
import static router.config.Validation.oneOf;
import static router.config.Validation.require;
import static router.config.Validation.stage;
import static router.config.Vocabulary.DEFAULT_KEY;
import static router.config.Vocabulary.LOGGING_LEVELS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.model.RouteSettings;
import router.model.Stage;

/** The rules of CreateStage, UpdateStage and DeleteStage. */
public final class StageRules {
  private static final int MAX_STAGE_VARIABLE_VALUE = 2048;
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern STAGE_VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]*");

  private final Supplier<Instant> clock;
  private final AutoDeploy autoDeploy;

  StageRules(Supplier<Instant> clock, AutoDeploy autoDeploy) {
    this.clock = clock;
    this.autoDeploy = autoDeploy;
  }

  public Decision create(ApiState state, Stage input) {
    existing(state);
    require(input.stageName(), "stageName");
    if (DEFAULT_KEY.equals(input.stageName())) {
      throw new BadRequestException("The $default stage is supported only for HTTP APIs");
    }
    if (!STAGE_NAME.matcher(input.stageName()).matches()) {
      throw new BadRequestException("Invalid stage name " + input.stageName()
          + ": use 1 to 128 letters, digits, hyphens and underscores");
    }
    if (state.stages().containsKey(input.stageName())) {
      throw new ConflictException("Stage " + input.stageName() + " already exists");
    }
    validate(state, input);
    Stage stage = input.asCreated(clock.get());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.StageCreated(stage));
    if (stage.isAutoDeploy()) autoDeploy.deployInto(state, stage, events);
    return new Decision(events, stage.stageName());
  }

  public Decision update(ApiState state, String stageName, Stage patch) {
    Stage current = stage(state, stageName);
    validate(state, patch);
    Stage merged = current.merge(patch, clock.get());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.StageUpdated(merged));
    if (merged.isAutoDeploy() && !current.isAutoDeploy()) autoDeploy.deployInto(state, merged, events);
    return new Decision(events, stageName);
  }

  public Decision delete(ApiState state, String stageName) {
    stage(state, stageName);
    return new Decision(List.of(new ApiEvent.StageDeleted(stageName)), null);
  }

  private static void validate(ApiState state, Stage stage) {
    description(stage.description());
    if (stage.deploymentId() != null && !state.deployments().containsKey(stage.deploymentId())) {
      throw new BadRequestException("Invalid deployment identifier specified: " + stage.deploymentId());
    }
    if (stage.stageVariables() != null) {
      stage.stageVariables().forEach((name, value) -> {
        if (!STAGE_VARIABLE_NAME.matcher(name).matches()) {
          throw new BadRequestException("Invalid stage variable name " + name
              + ": use 1 to 64 letters, digits and underscores");
        }
        if (value == null || value.length() > MAX_STAGE_VARIABLE_VALUE
            || !STAGE_VARIABLE_VALUE.matcher(value).matches()) {
          throw new BadRequestException("Invalid value for stage variable " + name
              + ": use up to 2048 of the characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,");
        }
      });
    }
    if (stage.defaultRouteSettings() != null) routeSettings("defaultRouteSettings", stage.defaultRouteSettings());
    if (stage.routeSettings() != null) {
      stage.routeSettings().forEach((key, settings) -> routeSettings("routeSettings." + key, settings));
    }
  }

  private static void routeSettings(String field, RouteSettings settings) {
    if (settings == null) throw new BadRequestException("Invalid " + field + ": route settings are required");
    if (settings.loggingLevel() != null) oneOf(field + ".loggingLevel", settings.loggingLevel(), LOGGING_LEVELS);
    if (settings.throttlingBurstLimit() != null && settings.throttlingBurstLimit() < 0) {
      throw new BadRequestException(field + ".throttlingBurstLimit must not be negative");
    }
    if (settings.throttlingRateLimit() != null && settings.throttlingRateLimit() < 0) {
      throw new BadRequestException(field + ".throttlingRateLimit must not be negative");
    }
  }
}
