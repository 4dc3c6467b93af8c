package router.node.metrics;

import io.micrometer.core.instrument.Counter;
import router.metrics.StageMetrics;

/**
 * A stage's counters over Micrometer: its {@link ApiCounters} and the node's message counters and template render
 * timer, pre-bound.
 */
record MicrometerStageMetrics(
    ApiCounters stage, Counter received, Counter sent, MicrometerRouterMetrics.RenderTimes renders)
    implements StageMetrics {
  @Override
  public void messageReceived() {
    stage.messageCount.increment();
    received.increment();
  }

  @Override
  public void messageSent() {
    stage.messageCount.increment();
    sent.increment();
  }

  @Override
  public void clientError() {
    stage.clientError.increment();
  }

  @Override
  public void templateRendered(long nanos) {
    renders.record(nanos);
  }
}
