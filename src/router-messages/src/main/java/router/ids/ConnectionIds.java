package router.ids;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Connection ids and request ids shaped like API Gateway's: 16 characters of base64 ending in {@code =}
 * (11 bytes), e.g. {@code L0SM9cOFvHcCIhw=}.
 *
 * <p>A connection id carries the 16-bit tag of the node that owns the socket in its first two bytes, so
 * {@code @connections/{id}} on any node finds the owner in one hop without a registry. Tags are unique among
 * the live nodes of a cluster: each node incarnation claims one from the shared storage at start
 * ({@code router.storage.Storage#claimNodeTag}). The other 9 bytes are
 * random, which also makes ids hard to guess. The URL-safe alphabet ({@code -} and {@code _}) keeps ids usable in
 * a path without escaping the id itself (the trailing {@code =} is escaped by SDKs as {@code %3D}).
 */
public final class ConnectionIds {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final int[] DECODE = new int[128];
  /** Length of a connection or request id. */
  public static final int LENGTH = 16;
  private static final int ID_BYTES = 11;

  static {
    java.util.Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET[i]] = i;
  }

  private ConnectionIds() {}

  /** A new connection id owned by the node with {@code nodeTag} (0–65535). */
  public static String connectionId(int nodeTag) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return encode(nodeTag, random.nextLong(), random.nextInt());
  }

  /** A new request id (no owner; every byte random). */
  public static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return encode(random.nextInt(), random.nextLong(), random.nextInt());
  }

  /** The node tag encoded in a connection id, or -1 when the id is not a well-formed connection id. */
  public static int nodeTagOf(String connectionId) {
    if (connectionId == null || connectionId.length() != LENGTH || connectionId.charAt(LENGTH - 1) != '=') {
      return -1;
    }
    int bits = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = connectionId.charAt(i);
      int v = c < 128 ? DECODE[c] : -1;
      if (v < 0) return -1;
      if (i < 3) bits = (bits << 6) | v; // the first 18 bits hold the 16-bit tag and 2 random bits
    }
    return bits >>> 2;
  }

  // Encodes 2 bytes of tag + 9 bytes of randomness (8 from `high`, 1 from `low`) as 15 base64 chars + '='.
  private static String encode(int tag, long high, int low) {
    char[] out = new char[LENGTH];
    // 88 bits = tag(16) | high(64) | low(8); emitted 6 bits at a time, the last group padded with 2 zero bits.
    long first = ((long) (tag & 0xFFFF) << 48) | (high >>> 16); // 64 bits: tag + top 48 bits of high
    long second = ((high & 0xFFFFL) << 8) | (low & 0xFF); // 24 bits: low 16 of high + 8 of low
    int pos = 0;
    for (int shift = 58; shift >= 4; shift -= 6) out[pos++] = ALPHABET[(int) (first >>> shift) & 0x3F];
    // 4 bits of `first` remain; combine with the 24 bits of `second` (28 bits) then pad to 30.
    long rest = ((first & 0xF) << 24 | second) << 2;
    for (int shift = 24; shift >= 0; shift -= 6) out[pos++] = ALPHABET[(int) (rest >>> shift) & 0x3F];
    out[pos] = '=';
    return new String(out);
  }
}
