package router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.errors.BadRequestException;
import router.errors.NotFoundException;
import router.model.VpcLink;

class VpcLinkRulesTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/0a1b";
  private static final VpcLinkTargetMap TARGETS = VpcLinkTargetMap.from(ConfigFactory.parseString(
      "router.vpc-links.targets { \"" + NLB + "\" = [\"127.0.0.1:9001\", \"127.0.0.1:9002\"],"
          + " \"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/csv/1\" = \"h1:1, h2:2\" }"));
  private final VpcLinkRules rules = new VpcLinkRules(TARGETS);

  @Test
  void readsTargetsAsListsOrCommaSeparatedStringsKeyedByQuotedArns() {
    assertEquals(List.of("127.0.0.1:9001", "127.0.0.1:9002"), TARGETS.targets(NLB));
    assertEquals(List.of("h1:1", "h2:2"),
        TARGETS.targets("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/csv/1"));
  }

  @Test
  void refusesATargetThatIsNotHostAndPort() {
    assertThrows(IllegalArgumentException.class, () -> VpcLinkTargetMap.from(ConfigFactory.parseString(
        "router.vpc-links.targets { \"arn:x\" = [\"no-port\"] }")));
  }

  @Test
  void aLinkWhoseTargetsAreMappedIsAvailable() {
    VpcLink link = rules.create("abc123", new VpcLink(null, "orders", null, List.of(NLB), null, null, null));
    assertEquals(VpcLink.AVAILABLE, link.status());
    assertEquals("abc123", link.id());
  }

  @Test
  void aLinkWithAnUnmappedTargetIsCreatedFailedSayingWhy() {
    String unknown = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/unknown/9";
    VpcLink link = rules.create("abc123", new VpcLink(null, "x", null, List.of(NLB, unknown), null, null, null));
    assertEquals(VpcLink.FAILED, link.status());
    assertTrue(link.statusMessage().contains(unknown) && link.statusMessage().contains("router.vpc-links.targets"));
  }

  @Test
  void refusesALinkWithoutNameOrTargets() {
    assertThrows(BadRequestException.class,
        () -> rules.create("a", new VpcLink(null, null, null, List.of(NLB), null, null, null)));
    assertThrows(BadRequestException.class,
        () -> rules.create("a", new VpcLink(null, "x", null, List.of(), null, null, null)));
    assertThrows(BadRequestException.class,
        () -> rules.create("a", new VpcLink(null, "x", null, List.of("not-an-arn"), null, null, null)));
  }

  @Test
  void updatesNameAndDescriptionByReplaceOnly() {
    VpcLink link = rules.create("abc123", new VpcLink(null, "orders", null, List.of(NLB), null, null, null));
    VpcLink renamed = rules.update(link, List.of(new VpcLinkRules.PatchOperation("replace", "/name", "o2", null),
        new VpcLinkRules.PatchOperation("replace", "/description", "d", null)));
    assertEquals("o2", renamed.name());
    assertEquals("d", renamed.description());
    assertThrows(BadRequestException.class, () -> rules.update(link,
        List.of(new VpcLinkRules.PatchOperation("replace", "/targetArns", "x", null))));
    assertThrows(BadRequestException.class, () -> rules.update(link,
        List.of(new VpcLinkRules.PatchOperation("remove", "/name", null, null))));
    assertThrows(NotFoundException.class, () -> VpcLinkRules.existing(Map.of(), "nope"));
  }
}
