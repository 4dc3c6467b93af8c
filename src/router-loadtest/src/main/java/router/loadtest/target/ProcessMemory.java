package router.loadtest.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a JVM's live heap and RSS from outside: {@code jcmd <pid> GC.run} (a full collection),
 * then {@code jstat -gc <pid>} (S0U + S1U + EU + OU, KiB) and {@code VmRSS} of /proc/<pid>/status.
 */
public final class ProcessMemory {

  /** How long jcmd/jstat may take. */
  private static final long TOOL_TIMEOUT_SECONDS = 60;
  /** jstat columns that together are the heap in use (survivors, eden, old), in KiB. */
  private static final List<String> HEAP_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

  private ProcessMemory() {}

  /** Forces a full GC in {@code pid} and reads heap in use and RSS. */
  public static MemoryReading measure(long pid) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "GC.run");
    long heap = heapUsedFromJstat(run("jstat", "-gc", Long.toString(pid)));
    return new MemoryReading(heap, rss(pid));
  }

  /** Sum of S0U, S1U, EU and OU of {@code jstat -gc} output, in bytes. */
  public static long heapUsedFromJstat(String output) {
    String[] lines = output.strip().split("\\R");
    if (lines.length < 2) throw new IllegalArgumentException("unexpected jstat output: " + output);
    List<String> header = Arrays.asList(lines[0].trim().split("\\s+"));
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double kib = 0;
    for (String column : HEAP_COLUMNS) {
      int i = header.indexOf(column);
      if (i < 0 || i >= values.length) throw new IllegalArgumentException("jstat without " + column + ": " + output);
      kib += Double.parseDouble(values[i].replace(',', '.'));
    }
    return Math.round(kib * 1024);
  }

  /** VmRSS of /proc/{pid}/status in bytes. */
  public static long rss(long pid) throws IOException {
    return rssFromStatus(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
  }

  /** VmRSS of a /proc status text in bytes. */
  public static long rssFromStatus(String status) {
    for (String line : status.split("\\R")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    throw new IllegalArgumentException("no VmRSS in status");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + text);
    return text;
  }
}
