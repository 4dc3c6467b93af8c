package router.loadtest.report;

/** HTML escaping and the page frame shared by the reports. */
public final class Html {

  private Html() {}

  /** Escapes text for HTML content and attribute values. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A complete, self-contained page around {@code body}. */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}"
        + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f4f4f4}"
        + "td:first-child,th:first-child{text-align:left}.pass{color:#070}.short{color:#b00}"
        + ".pending{color:#888}pre{background:#f8f8f8;padding:8px;overflow-x:auto}</style>\n"
        + "</head><body>\n<h1>" + escape(title) + "</h1>\n" + body + "\n</body></html>\n";
  }
}
