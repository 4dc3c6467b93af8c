package router.runtime;

import java.util.ArrayList;
import java.util.List;
import router.model.AccessLogSettings;

/**
 * A stage's access log, parsed once per deployment: its {@code accessLogSettings.format} as literal text and
 * {@code $context.*} variables, and the logger its {@code destinationArn} maps to. A variable without a value
 * renders as {@code -}, as API Gateway's do. Values are escaped so the line keeps the shape the user wrote whatever
 * a client sends: in an XML format (one that starts with {@code <}) as XML character references, in any other (JSON,
 * CLF, CSV) as in a JSON string (quotes, backslashes and control characters).
 */
public final class AccessLogFormat {
  /** Loggers of access logs are named {@code router.access.{log group or delivery stream name}}. */
  public static final String LOGGER_PREFIX = "router.access.";
  private static final String VARIABLE = "$context.";
  private static final String MISSING = "-";

  /** Literal text (a String) or a variable name (a Variable), in order. */
  private final List<Object> parts;
  private final String loggerName;
  private final boolean xml;

  private record Variable(String name) {}

  private AccessLogFormat(List<Object> parts, String loggerName, boolean xml) {
    this.parts = parts;
    this.loggerName = loggerName;
    this.xml = xml;
  }

  /** The stage's access log, or null when it writes none (no settings, or an empty format). */
  public static AccessLogFormat compile(AccessLogSettings settings) {
    if (settings == null || settings.format() == null || settings.format().isBlank()) return null;
    String format = settings.format();
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < format.length()) {
      int start = format.indexOf(VARIABLE, at);
      if (start < 0) {
        parts.add(format.substring(at));
        break;
      }
      int end = start + VARIABLE.length();
      while (end < format.length() && isNameChar(format.charAt(end))) end++;
      while (end > start + VARIABLE.length() && format.charAt(end - 1) == '.') end--; // "...$context.stage."
      if (start > at) parts.add(format.substring(at, start));
      if (end == start + VARIABLE.length()) parts.add(VARIABLE);
      else parts.add(new Variable(format.substring(start + VARIABLE.length(), end)));
      at = end;
    }
    return new AccessLogFormat(List.copyOf(parts), loggerName(settings.destinationArn()),
        format.stripLeading().startsWith("<"));
  }

  /**
   * The logger of a destination: a CloudWatch Logs ARN ({@code arn:aws:logs:...:log-group:NAME[:*]}) or a Firehose
   * ARN ({@code arn:aws:firehose:...:deliverystream/NAME}) maps to {@code router.access.NAME}; anything else to
   * {@code router.access.} followed by the whole value ({@code router.access.default} without one).
   */
  static String loggerName(String destinationArn) {
    if (destinationArn == null || destinationArn.isBlank()) return LOGGER_PREFIX + "default";
    String name = destinationArn;
    int group = name.indexOf(":log-group:");
    int stream = name.indexOf(":deliverystream/");
    if (group >= 0) name = name.substring(group + ":log-group:".length());
    else if (stream >= 0) name = name.substring(stream + ":deliverystream/".length());
    if (name.endsWith(":*")) name = name.substring(0, name.length() - 2);
    return LOGGER_PREFIX + name;
  }

  public String loggerName() {
    return loggerName;
  }

  /** The line for one event, once its outcome is known. */
  String render(MessageContext context) {
    StringBuilder line = new StringBuilder(128);
    for (Object part : parts) {
      if (part instanceof Variable variable) {
        Object value = AccessLogVariables.value(context, variable.name());
        String text = value == null ? MISSING : value.toString();
        if (xml) appendXmlEscaped(line, text);
        else appendEscaped(line, text);
      } else {
        line.append((String) part);
      }
    }
    return line.toString();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_';
  }

  /** Appends {@code value} escaped for a JSON string. */
  static void appendEscaped(StringBuilder line, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') line.append('\\').append(c);
      else if (c < 0x20) line.append(String.format("\\u%04x", (int) c));
      else line.append(c);
    }
  }

  private static void appendXmlEscaped(StringBuilder line, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> line.append("&lt;");
        case '>' -> line.append("&gt;");
        case '&' -> line.append("&amp;");
        case '"' -> line.append("&quot;");
        case '\'' -> line.append("&apos;");
        default -> {
          // XML 1.0 allows only tab, LF and CR among control characters, even as references.
          if (c == '\t' || c == '\n' || c == '\r') line.append("&#").append((int) c).append(';');
          else line.append(c < 0x20 ? '\uFFFD' : c);
        }
      }
    }
  }
}
