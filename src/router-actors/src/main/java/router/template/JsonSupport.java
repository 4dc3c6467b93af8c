package router.template;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON parsing, JSONPath evaluation and bounded JSON writing for {@code $input} and {@code $util}. */
final class JsonSupport {

  /** Jayway's regular-expression filter; matching cannot be interrupted, so it is refused. */
  private static final String REGEX_FILTER = "=~";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // let limit failures from BoundedWriter surface as themselves
      .disable(SerializationFeature.WRAP_EXCEPTIONS)
      .addModule(new SimpleModule("router-template-safe-types")
          .addAbstractTypeMapping(Map.class, SafeMap.class)
          .addAbstractTypeMapping(List.class, SafeList.class))
      .build();

  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new SafeJsonProvider(MAPPER))
      .mappingProvider(new JacksonMappingProvider(MAPPER))
      .build();

  /**
   * Compiled JSONPaths by their text: templates name their paths as literals, so each is compiled once per node, not
   * per message. Bounded: past this many distinct paths (templates that build paths per message), new ones are
   * compiled per use and not kept.
   */
  private static final int MAX_CACHED_PATHS = 4096;
  private static final Map<String, JsonPath> PATHS = new java.util.concurrent.ConcurrentHashMap<>();

  private JsonSupport() {}

  private static JsonPath compiled(String path) {
    JsonPath cached = PATHS.get(path);
    if (cached != null) return cached;
    JsonPath compiled = JsonPath.compile(path);
    if (PATHS.size() < MAX_CACHED_PATHS) PATHS.putIfAbsent(path, compiled);
    return compiled;
  }

  /** Parses JSON text into {@link SafeMap}, {@link SafeList}, strings, numbers and booleans. */
  static Object parse(String text) throws JacksonException {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (StreamConstraintsException e) {
      throw new TemplateRenderException("JSON exceeds the parser's limits: " + e.getOriginalMessage(), e);
    }
  }

  /** A parsed JSON tree as {@link SafeMap}, {@link SafeList}, strings, numbers and booleans (no text parse). */
  static Object fromTree(JsonNode tree) {
    try {
      return MAPPER.treeToValue(tree, Object.class);
    } catch (JacksonException e) {
      throw new TemplateRenderException("Cannot read the JSON body: " + e.getOriginalMessage(), e);
    }
  }

  /** Whether the text is exactly one JSON value, checked without building it. */
  static boolean isJson(String text) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (StreamConstraintsException e) {
      throw new TemplateRenderException("JSON exceeds the parser's limits: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      return false;
    }
  }

  /** The value at a JSONPath in a parsed document; empty when the path matches nothing. */
  static Optional<Object> read(Object document, String path) {
    if (path.contains(REGEX_FILTER)) {
      throw new TemplateRenderException(
          "JSONPath regular-expression filters (=~) are not supported: " + path);
    }
    try {
      return Optional.ofNullable(compiled(path).read(document, JSON_PATH));
    } catch (PathNotFoundException e) {
      return Optional.empty();
    } catch (InvalidPathException e) {
      throw new TemplateRenderException("Invalid JSONPath '" + path + "': " + e.getMessage(), e);
    }
  }

  /** JSON text of a value, failing once it passes the string limit. */
  static String write(Object value, RenderBudget budget) {
    StringWriter target = new StringWriter();
    BoundedWriter bounded =
        new BoundedWriter(target, budget.limits().maxStringLength(), budget, "JSON value");
    try {
      MAPPER.writeValue(bounded, value);
    } catch (IOException e) {
      throw new TemplateRenderException("Cannot write JSON: " + e.getMessage(), e);
    }
    return target.toString();
  }
}
