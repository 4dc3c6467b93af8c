package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointParams;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;

/** The SDK's endpoint rules run once per parameter set; the answers are the rules' own. */
class OnceEndpointProviderTest {
  @Test
  void resolvesEachParameterSetOnceWithTheSdksRules() throws Exception {
    AtomicInteger evaluations = new AtomicInteger();
    LambdaEndpointProvider rules = LambdaEndpointProvider.defaultProvider();
    var once = new LambdaClients.OnceEndpointProvider(params -> {
      evaluations.incrementAndGet();
      return rules.resolveEndpoint(params);
    });
    LambdaEndpointParams east = LambdaEndpointParams.builder().region(Region.US_EAST_1).build();
    LambdaEndpointParams local = LambdaEndpointParams.builder().region(Region.EU_WEST_1)
        .endpoint("http://127.0.0.1:9001").build();

    for (int i = 0; i < 3; i++) {
      assertEquals(URI.create("https://lambda.us-east-1.amazonaws.com"),
          once.resolveEndpoint(east).get().url());
      assertEquals(URI.create("http://127.0.0.1:9001"), once.resolveEndpoint(local).get().url());
    }
    assertEquals(2, evaluations.get());
    assertEquals(URI.create("https://lambda.cn-north-1.amazonaws.com.cn"), once.resolveEndpoint(
        LambdaEndpointParams.builder().region(Region.CN_NORTH_1).build()).get().url());
  }
}
