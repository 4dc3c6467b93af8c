package router.protocol;

/** RFC 6455 §7.4.1 close status codes that the codec sends or that API Gateway uses. */
public final class CloseCodes {
  public static final int NORMAL = 1000;
  public static final int GOING_AWAY = 1001;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int UNSUPPORTED_DATA = 1003;
  public static final int INVALID_PAYLOAD = 1007;
  public static final int MESSAGE_TOO_BIG = 1009;
  public static final int INTERNAL_ERROR = 1011;
  /** Reported, never sent: the connection ended without a close frame (RFC 6455 §7.1.5). */
  public static final int ABNORMAL_CLOSURE = 1006;

  /** "Bad Gateway", the highest code the IANA registry added after RFC 6455. */
  private static final int LAST_REGISTERED = 1014;
  /** 3000-3999 are registered for libraries and frameworks, 4000-4999 are for private use. */
  private static final int FIRST_APPLICATION = 3000;
  private static final int LAST_PRIVATE_USE = 4999;

  private CloseCodes() {}

  /**
   * Whether a close frame may carry {@code code} (RFC 6455 §7.4.1, §7.4.2): 1004-1006 and 1015 are reserved and never
   * sent, codes below 1000 and from 1015 to 2999 are not assigned.
   */
  public static boolean isSendable(int code) {
    return (code >= NORMAL && code <= UNSUPPORTED_DATA)
        || (code >= INVALID_PAYLOAD && code <= LAST_REGISTERED)
        || (code >= FIRST_APPLICATION && code <= LAST_PRIVATE_USE);
  }
}
