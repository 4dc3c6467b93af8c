package router.config;

import java.util.List;
import java.util.Map;
import router.errors.BadRequestException;
import router.errors.NotFoundException;
import router.model.VpcLink;

/**
 * The rules of VPC links ({@code apigateway} create, update, delete), as pure functions over the links that exist:
 * each validates and returns the link to store, or throws an API Gateway error. A new link is AVAILABLE when every
 * target ARN maps to targets in {@code router.vpc-links.targets}, else FAILED with a message saying which does not.
 */
public final class VpcLinkRules {
  private static final int MAX_NAME = 128;
  private static final int MAX_DESCRIPTION = 1024;

  private final VpcLinkTargetMap targets;

  public VpcLinkRules(VpcLinkTargetMap targets) {
    this.targets = targets;
  }

  public VpcLink create(String id, VpcLink input) {
    if (input.name() == null || input.name().isBlank()) throw new BadRequestException("name is required");
    length("name", input.name(), MAX_NAME);
    if (input.description() != null) length("description", input.description(), MAX_DESCRIPTION);
    if (input.targetArns() == null || input.targetArns().isEmpty()) {
      throw new BadRequestException("targetArns is required: the ARN of a network load balancer");
    }
    for (String arn : input.targetArns()) {
      if (arn == null || !arn.startsWith("arn:")) {
        throw new BadRequestException("Invalid target ARN specified: " + arn);
      }
    }
    VpcLink link = new VpcLink(id, input.name(), input.description(), List.copyOf(input.targetArns()), null, null,
        input.tags() == null ? Map.of() : Map.copyOf(input.tags()));
    String unmapped = targets.firstUnmapped(link.targetArns());
    return unmapped == null
        ? link.withStatus(VpcLink.AVAILABLE, "Your vpc link is ready for use")
        : link.withStatus(VpcLink.FAILED, "NLB ARN is malformed or no targets are configured for " + unmapped
            + " (router.vpc-links.targets)");
  }

  /** Applies {@code patchOperations}: API Gateway lets {@code replace} change {@code /name} and {@code /description}. */
  public VpcLink update(VpcLink current, List<PatchOperation> operations) {
    VpcLink updated = current;
    for (PatchOperation operation : operations == null ? List.<PatchOperation>of() : operations) {
      if (!"replace".equals(operation.op())) {
        throw new BadRequestException("Invalid patch operation specified: " + operation.op()
            + ". VPC links support replace of /name and /description");
      }
      switch (operation.path() == null ? "" : operation.path()) {
        case "/name" -> {
          if (operation.value() == null || operation.value().isBlank()) {
            throw new BadRequestException("name must not be empty");
          }
          length("name", operation.value(), MAX_NAME);
          updated = updated.withName(operation.value());
        }
        case "/description" -> {
          if (operation.value() != null) length("description", operation.value(), MAX_DESCRIPTION);
          updated = updated.withDescription(operation.value());
        }
        default -> throw new BadRequestException("Invalid patch path " + operation.path()
            + ". VPC links support replace of /name and /description");
      }
    }
    return updated;
  }

  /** The link with this id, or NotFound. */
  public static VpcLink existing(Map<String, VpcLink> links, String id) {
    VpcLink link = links.get(id);
    if (link == null) throw new NotFoundException("Invalid VPC link identifier specified");
    return link;
  }

  private static void length(String field, String value, int max) {
    if (value.length() > max) {
      throw new BadRequestException("Invalid " + field + ": its length must be at most " + max + " characters");
    }
  }

  /** One entry of a PATCH body's {@code patchOperations}. */
  public record PatchOperation(String op, String path, String value, String from)
      implements router.CborSerializable {}
}
