package router.jmh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import router.expression.ExpressionKind;
import router.expression.SelectionExpression;

/**
 * Route selection per message, as the router does it: parse the body as JSON (Jackson, as
 * {@code router.runtime.RequestBody}) and evaluate the API's route selection expression.
 * Separately: evaluation alone on a parsed body, and parsing alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteSelectionBenchmark {

  /** The load generator's default 100-byte message. */
  static final String SMALL_BODY = "{\"action\":\"echo\",\"seq\":123456,\"data\":\"" + "x".repeat(57) + "\"}";
  /** A 1 KB message with the route key nested two levels down. */
  static final String NESTED_BODY = "{\"meta\":{\"id\":42,\"route\":{\"name\":\"sendmessage\"}},\"items\":["
      + "{\"n\":1,\"v\":\"aaaaaaaaaaaaaaaaaaaa\"},".repeat(30) + "{\"n\":0}]}";

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SelectionExpression action;
  private SelectionExpression nested;
  private SelectionExpression staticKey;
  private JsonNode parsedSmall;

  @Setup
  public void setUp() throws Exception {
    action = SelectionExpression.parse("$request.body.action", ExpressionKind.ROUTE_SELECTION);
    nested = SelectionExpression.parse("$request.body.meta.route.name", ExpressionKind.ROUTE_SELECTION);
    staticKey = SelectionExpression.parse("$default", ExpressionKind.ROUTE_SELECTION);
    parsedSmall = JSON.readTree(SMALL_BODY);
  }

  /** Parse a 100-byte message and evaluate {@code $request.body.action}: the common case. */
  @Benchmark
  public String parseAndSelectAction() throws Exception {
    return action.evaluate(new BodyContext(JSON.readTree(SMALL_BODY), null));
  }

  /** Parse a 1 KB message and evaluate a nested path. */
  @Benchmark
  public String parseAndSelectNested() throws Exception {
    return nested.evaluate(new BodyContext(JSON.readTree(NESTED_BODY), null));
  }

  /** Evaluation alone, body already parsed. */
  @Benchmark
  public String selectActionOnParsedBody() {
    return action.evaluate(new BodyContext(parsedSmall, null));
  }

  /** A static selection expression: no parse needed at all. */
  @Benchmark
  public String selectStatic() {
    return staticKey.evaluate(new BodyContext(null, null));
  }

  /** Parsing the 100-byte body alone (Jackson readTree). */
  @Benchmark
  public JsonNode parseSmallBody() throws Exception {
    return JSON.readTree(SMALL_BODY);
  }
}
