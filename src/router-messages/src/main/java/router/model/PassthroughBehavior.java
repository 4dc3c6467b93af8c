package router.model;

/**
 * What happens to a message body when no request template matches: API Gateway's {@code passthroughBehavior}.
 */
public enum PassthroughBehavior {
  /** Pass the body through unchanged when no template matches. */
  WHEN_NO_MATCH,
  /** Pass the body through only when the integration has no templates at all; otherwise reject it. */
  WHEN_NO_TEMPLATES,
  /** Never pass a body through: reject it when no template matches. */
  NEVER;

  /** Whether a body without a matching template passes through, given whether any template is defined. */
  public boolean passesThrough(boolean hasTemplates) {
    return switch (this) {
      case WHEN_NO_MATCH -> true;
      case WHEN_NO_TEMPLATES -> !hasTemplates;
      case NEVER -> false;
    };
  }
}
