package router.loadtest.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The head of an HTTP/1.1 response: status, reason and headers (names lower-cased). */
record HttpHead(int status, String reason, String[] lines) {

  /** Offset just after the blank line ending the head that starts at {@code off}, or -1. */
  static int end(byte[] buf, int off, int end) {
    for (int i = off; i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') return i + 4;
    }
    return -1;
  }

  /** Parses buf[off, headEnd). */
  static HttpHead parse(byte[] buf, int off, int headEnd) {
    // Split by hand: String.split compiles a regex per call, on the per-connection path.
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    int start = off;
    for (int i = off; i + 1 < headEnd; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n') {
        if (i > start) lines.add(new String(buf, start, i - start, StandardCharsets.ISO_8859_1));
        start = i + 2;
        i++;
      }
    }
    String statusLine = lines.isEmpty() ? "" : lines.get(0);
    int sp1 = statusLine.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : statusLine.indexOf(' ', sp1 + 1);
    int code = -1;
    if (sp1 > 0) {
      String digits = sp2 < 0 ? statusLine.substring(sp1 + 1) : statusLine.substring(sp1 + 1, sp2);
      try {
        code = Integer.parseInt(digits.trim());
      } catch (NumberFormatException e) {
        code = -1;
      }
    }
    return new HttpHead(code, sp2 < 0 ? "" : statusLine.substring(sp2 + 1), lines.toArray(new String[0]));
  }

  /** The value of header {@code name} (lower case), or null. */
  String header(String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return lines[i].substring(colon + 1).trim();
      }
    }
    return null;
  }
}
