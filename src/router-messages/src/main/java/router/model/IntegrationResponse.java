package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import router.CborSerializable;

/** How a non-proxy integration's response is selected (by key) and transformed (by response template). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationResponse(
    String integrationResponseId,
    String integrationResponseKey,
    Map<String, String> responseTemplates,
    String templateSelectionExpression,
    String contentHandlingStrategy,
    Map<String, String> responseParameters)
    implements CborSerializable {

  /** This integration response with every non-null field of {@code patch} applied. */
  public IntegrationResponse merge(IntegrationResponse patch) {
    return new IntegrationResponse(
        integrationResponseId,
        Nulls.or(patch.integrationResponseKey, integrationResponseKey),
        Nulls.or(patch.responseTemplates, responseTemplates),
        Nulls.or(patch.templateSelectionExpression, templateSelectionExpression),
        Nulls.or(patch.contentHandlingStrategy, contentHandlingStrategy),
        Nulls.or(patch.responseParameters, responseParameters));
  }

  public IntegrationResponse withId(String id) {
    return new IntegrationResponse(id, integrationResponseKey, responseTemplates, templateSelectionExpression,
        contentHandlingStrategy, responseParameters);
  }
}
