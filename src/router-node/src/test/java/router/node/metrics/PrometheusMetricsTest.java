package router.node.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** router.metrics: off means no registry at all; jvm off leaves JVM metrics out; buckets come from config. */
class PrometheusMetricsTest {
  @Test
  void isAbsentWhenMetricsAreOff() {
    assertNull(PrometheusMetrics.from(ConfigFactory.parseString("router.metrics.enabled = off")
        .withFallback(ConfigFactory.defaultReference())));
  }

  @Test
  void leavesJvmMetricsOutWhenAsked() {
    PrometheusMetrics metrics = PrometheusMetrics.from(ConfigFactory.parseString("router.metrics.jvm = off")
        .withFallback(ConfigFactory.defaultReference()));
    assertNotNull(metrics);
    assertFalse(metrics.scrape().contains("jvm_memory_used_bytes"));
  }

  @Test
  void bucketsIntegrationLatencyAsConfigured() {
    PrometheusMetrics metrics = PrometheusMetrics.from(ConfigFactory.parseString(
        "router.metrics { jvm = off, integration-latency-buckets = [20ms, 3s] }")
        .withFallback(ConfigFactory.defaultReference()));
    metrics.routerMetrics().route("a1", "dev", "r", false, "HTTP").integrationAnswered(1_000_000L, 200);
    String text = metrics.scrape();
    assertTrue(text.contains("apigateway_integration_latency_seconds_bucket{api_id=\"a1\",stage=\"dev\",le=\"0.02\"} 1"),
        text);
    assertTrue(text.contains("apigateway_integration_latency_seconds_bucket{api_id=\"a1\",stage=\"dev\",le=\"3.0\"} 1"),
        text);
  }
}
