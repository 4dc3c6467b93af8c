package router.template;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's {@code $input}. One per render; the body is parsed as JSON at most once per message, and
 * only if {@code path} or a JSONPath other than {@code $} is used: when the caller parsed it already (route
 * selection), its tree is reused ({@link TemplateContext#parsedBody()}).
 *
 * <p>A body that is not JSON behaves as the JSON string holding it: {@code $input.path('$')} is
 * the raw text, {@code $input.json('$')} is that text as a quoted JSON string (so the output stays
 * valid JSON), and any deeper path matches nothing. A path that matches nothing gives
 * {@code null} from {@code path} and the empty string from {@code json}.
 */
public final class InputVariable {

  private static final String ROOT = "$";

  private final TemplateContext request;
  private final RenderBudget budget;
  private Boolean bodyIsJson;
  private boolean parsed;
  private Object document;
  private SafeMap params;

  InputVariable(TemplateContext request, RenderBudget budget) {
    this.request = request;
    this.budget = budget;
  }

  /** {@code $input.body}: the raw payload. */
  public String getBody() {
    return request.body();
  }

  /** {@code $input.json(x)}: JSON text of the value at a JSONPath. */
  public String json(String path) {
    if (path == null) {
      return "";
    }
    if (ROOT.equals(path.strip())) {
      return bodyIsJson() ? request.body() : JsonSupport.write(request.body(), budget);
    }
    return select(path).map(value -> JsonSupport.write(value, budget)).orElse("");
  }

  /** {@code $input.path(x)}: the value at a JSONPath, as maps, lists, strings and numbers. */
  public Object path(String path) {
    return path == null ? null : select(path).orElse(null);
  }

  /** {@code $input.params()}: the {@code path}, {@code querystring} and {@code header} maps. */
  public Map<Object, Object> params() {
    if (params == null) {
      params = new SafeMap();
      params.put("path", request.pathParameters());
      params.put("querystring", request.queryStringParameters());
      params.put("header", request.headers());
    }
    return params;
  }

  /** {@code $input.params(x)}: a parameter from the path, else query string, else headers. */
  public String params(String name) {
    String value = request.pathParameters().get(name);
    if (value == null) {
      value = request.queryStringParameters().get(name);
    }
    if (value == null) {
      value = request.headers().get(name);
    }
    return value == null ? "" : value;
  }

  private Optional<Object> select(String path) {
    parse();
    if (!bodyIsJson) {
      return ROOT.equals(path.strip()) ? Optional.of(request.body()) : Optional.empty();
    }
    return JsonSupport.read(document, path);
  }

  private boolean bodyIsJson() {
    if (bodyIsJson == null) {
      bodyIsJson = request.parsedBody() != null
          ? request.parsedBody().get() != null : JsonSupport.isJson(request.body());
    }
    return bodyIsJson;
  }

  private void parse() {
    if (parsed) {
      return;
    }
    parsed = true;
    budget.charge(request.body().length());
    if (request.parsedBody() != null) {
      // The caller parsed the body already (route selection): convert its tree, do not parse the text again.
      JsonNode tree = request.parsedBody().get();
      bodyIsJson = tree != null;
      if (tree != null) {
        document = JsonSupport.fromTree(tree);
      }
      return;
    }
    try {
      document = JsonSupport.parse(request.body());
      bodyIsJson = true;
    } catch (JacksonException e) {
      bodyIsJson = false;
    }
  }
}
