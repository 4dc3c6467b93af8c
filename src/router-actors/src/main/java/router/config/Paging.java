package router.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import router.errors.BadRequestException;
import router.model.Page;

/**
 * {@code maxResults} / {@code nextToken} pagination of the Get* collection operations. The token is opaque to
 * callers (base64 of the position of the next item); without {@code maxResults} every remaining item is returned.
 */
public final class Paging {
  private static final String TOKEN_PREFIX = "p:";
  /** The most items one page may hold. */
  public static final int MAX_PAGE = 500;

  private Paging() {}

  public static <T> Page<T> page(List<T> all, String maxResults, String nextToken) {
    int from = nextToken == null || nextToken.isEmpty() ? 0 : decode(nextToken);
    int size = maxResults == null || maxResults.isEmpty() ? Integer.MAX_VALUE : parseMax(maxResults);
    if (from > all.size()) from = all.size();
    int to = (int) Math.min(all.size(), (long) from + size);
    String token = to < all.size() ? encode(to) : null;
    return new Page<>(List.copyOf(all.subList(from, to)), token);
  }

  private static int parseMax(String maxResults) {
    try {
      int max = Integer.parseInt(maxResults.trim());
      if (max < 1 || max > MAX_PAGE) throw new NumberFormatException();
      return max;
    } catch (NumberFormatException e) {
      throw new BadRequestException("Invalid maxResults " + maxResults + ": it must be a number from 1 to " + MAX_PAGE);
    }
  }

  private static String encode(int position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((TOKEN_PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith(TOKEN_PREFIX)) throw new IllegalArgumentException();
      int position = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
      if (position < 0) throw new IllegalArgumentException();
      return position;
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid nextToken " + token);
    }
  }
}
