package router.expression;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Integration response keys: {@code $default} matches anything; a key wrapped in slashes ({@code /2\d\d/}) is a
 * regular expression; any other key is a regular expression too (the guide's CLI example uses a bare {@code 200}).
 * Shared by the control plane (which refuses keys that do not compile) and the deployment compiler.
 */
public final class ResponseKeys {
  private static final String DEFAULT_KEY = "$default";

  private ResponseKeys() {}

  /** The pattern a key stands for; null for {@code $default}. */
  public static Pattern pattern(String key) {
    if (DEFAULT_KEY.equals(key)) return null;
    String regex = key.length() >= 2 && key.startsWith("/") && key.endsWith("/")
        ? key.substring(1, key.length() - 1) : key;
    if (regex.isEmpty()) throw new InvalidKeyException("Invalid integration response key specified: " + key);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidKeyException("Invalid integration response key specified: " + key + ". "
          + e.getDescription());
    }
  }

  /** A key that is not a valid regular expression; the message is API Gateway's. */
  public static final class InvalidKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidKeyException(String message) {
      super(message);
    }
  }
}
