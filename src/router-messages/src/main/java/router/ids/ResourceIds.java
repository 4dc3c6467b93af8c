package router.ids;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of control-plane resources, shaped like API Gateway's: lower-case alphanumerics, 10 characters for an
 * API ({@code a1b2c3d4e5}), 7 for routes and integrations, 6 for responses and deployments.
 */
public final class ResourceIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** Length of an API id. */
  public static final int API_ID_LENGTH = 10;
  /** Length of route and integration ids. */
  public static final int ROUTE_ID_LENGTH = 7;
  /** Length of integration response, route response and deployment ids. */
  public static final int SHORT_ID_LENGTH = 6;

  private ResourceIds() {}

  public static String apiId() {
    return random(API_ID_LENGTH);
  }

  public static String routeId() {
    return random(ROUTE_ID_LENGTH);
  }

  public static String integrationId() {
    return random(ROUTE_ID_LENGTH);
  }

  public static String shortId() {
    return random(SHORT_ID_LENGTH);
  }

  /** Whether {@code id} could be an API id (guards against path tricks before any lookup). */
  public static boolean isWellFormed(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) return false;
    }
    return true;
  }

  private static String random(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    return new String(chars);
  }
}
