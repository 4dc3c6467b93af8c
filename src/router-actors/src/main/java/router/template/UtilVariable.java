package router.template;

import com.fasterxml.jackson.core.JacksonException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * API Gateway's {@code $util}. Stateless and shared by all renders; a {@code null} argument (an
 * undefined variable) gives {@code null}, which renders as nothing. Text is UTF-8 throughout, as
 * API Gateway specifies.
 */
public final class UtilVariable {

  static final UtilVariable INSTANCE = new UtilVariable();

  private static final int LAST_ASCII = 0x7f;
  private static final int FIRST_PRINTABLE = 0x20;
  private static final int HEX_DIGITS = 4;

  private UtilVariable() {}

  /**
   * Escapes a string with JavaScript string rules, as Apache Commons Lang 2's
   * {@code escapeJavaScript}, which API Gateway's behaviour matches: {@code ' " \ /} get a
   * backslash, control characters their short escapes or {@code \}{@code u00XX}, and every
   * non-ASCII character becomes {@code \}{@code uXXXX}. Single quotes become {@code \'}, which is
   * not valid JSON: API Gateway's documentation shows {@code .replaceAll("\\'","'")} to undo it.
   */
  public String escapeJavaScript(String text) {
    if (text == null) {
      return null;
    }
    RenderBudget budget = RenderBudget.current();
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\'', '"', '\\', '/' -> escaped.append('\\').append(c);
        case '\b' -> escaped.append("\\b");
        case '\n' -> escaped.append("\\n");
        case '\t' -> escaped.append("\\t");
        case '\f' -> escaped.append("\\f");
        case '\r' -> escaped.append("\\r");
        default -> {
          if (c < FIRST_PRINTABLE || c > LAST_ASCII) {
            String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
            escaped.append("\\u").append("0".repeat(HEX_DIGITS - hex.length())).append(hex);
          } else {
            escaped.append(c);
          }
        }
      }
      budget.checkStringLength(escaped.length());
    }
    return escaped.toString();
  }

  /** Parses JSON text into maps, lists, strings, numbers and booleans. */
  public Object parseJson(String json) {
    if (json == null) {
      return null;
    }
    RenderBudget.current().charge(json.length());
    try {
      return JsonSupport.parse(json);
    } catch (JacksonException e) {
      throw new TemplateRenderException("$util.parseJson: invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Encodes to {@code application/x-www-form-urlencoded}. */
  public String urlEncode(String text) {
    return text == null ? null : URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Decodes {@code application/x-www-form-urlencoded}. */
  public String urlDecode(String text) {
    if (text == null) {
      return null;
    }
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TemplateRenderException("$util.urlDecode: " + e.getMessage(), e);
    }
  }

  /** Base64 of the text's UTF-8 bytes. */
  public String base64Encode(String text) {
    return text == null
        ? null
        : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The UTF-8 text whose Base64 this is; line breaks are ignored. */
  public String base64Decode(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TemplateRenderException("$util.base64Decode: " + e.getMessage(), e);
    }
  }
}
