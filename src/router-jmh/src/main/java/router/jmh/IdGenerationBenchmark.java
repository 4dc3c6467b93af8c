package router.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import router.ids.ConnectionIds;
import router.ids.ResourceIds;

/** Ids made per connection or message: connectionId (with its node tag), requestId, decoding the tag. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdGenerationBenchmark {

  private final String id = ConnectionIds.connectionId(1234);

  /** A new connectionId carrying node tag 1234 (per connection). */
  @Benchmark
  public String connectionId() {
    return ConnectionIds.connectionId(1234);
  }

  /** A new requestId (per message). */
  @Benchmark
  public String requestId() {
    return ConnectionIds.requestId();
  }

  /** Both cores making requestIds at once (ThreadLocalRandom: no shared state expected). */
  @Benchmark
  @Threads(2)
  public String requestIdTwoThreads() {
    return ConnectionIds.requestId();
  }

  /** The owner node of a connectionId (per @connections call). */
  @Benchmark
  public int nodeTagOf() {
    return ConnectionIds.nodeTagOf(id);
  }

  /** A new apiId (control plane; for scale). */
  @Benchmark
  public String apiId() {
    return ResourceIds.apiId();
  }
}
