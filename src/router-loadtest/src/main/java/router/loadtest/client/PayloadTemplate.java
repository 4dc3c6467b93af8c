package router.loadtest.client;

/**
 * A payload template split once at {@code ${seq}}, so rendering a message costs one string:
 * prefix + sequence id + suffix. {@code ${action}} and {@code ${pad}} are filled at construction.
 */
public final class PayloadTemplate {

  /** Digits assumed for the sequence id when sizing the padding. */
  private static final int TYPICAL_SEQ_DIGITS = 6;

  private final String prefix;
  private final String suffix;

  /** Renders {@code template} with {@code action} and padding up to {@code size} bytes (ASCII). */
  public PayloadTemplate(String template, String action, int size) {
    int at = template.indexOf("${seq}");
    if (at < 0) throw new IllegalArgumentException("payload template must contain ${seq}");
    String withAction = template.replace("${action}", action);
    at = withAction.indexOf("${seq}");
    String head = withAction.substring(0, at);
    String tail = withAction.substring(at + "${seq}".length());
    int fixed = (head + tail).replace("${pad}", "").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        + TYPICAL_SEQ_DIGITS;
    String pad = "x".repeat(Math.max(0, size - fixed));
    this.prefix = head.replace("${pad}", pad);
    this.suffix = tail.replace("${pad}", pad);
  }

  /** The payload of message {@code seq}. */
  public String render(long seq) {
    return new StringBuilder(prefix.length() + suffix.length() + 20)
        .append(prefix).append(seq).append(suffix).toString();
  }
}
