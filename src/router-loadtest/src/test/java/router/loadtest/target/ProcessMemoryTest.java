package router.loadtest.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void heapInUseIsSurvivorsPlusEdenPlusOldFromJstat() {
    String jstat = """
         S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
            0.0      4096.0         0.0      4096.0     98304.0      12288.0      159744.0      51200.5    43904.0    43261.9    5760.0    5542.8     12     0.074     1     0.031     4     0.004     0.109
        """;
    assertEquals(Math.round((4096.0 + 12288.0 + 51200.5) * 1024), ProcessMemory.heapUsedFromJstat(jstat));
  }

  @Test
  void rssIsReadFromProcStatusInBytes() {
    assertEquals(123456L * 1024, ProcessMemory.rssFromStatus("Name:\tjava\nVmHWM:\t  200000 kB\nVmRSS:\t  123456 kB\n"));
  }

  @Test
  void rssOfALiveProcessIsInBytesAndCoversWhatItTouched() throws Exception {
    // 64 MiB written, so resident; a reading in KiB instead of bytes would fall far short of it.
    byte[] touched = new byte[64 << 20];
    Arrays.fill(touched, (byte) 1);
    long rss = ProcessMemory.rss(ProcessHandle.current().pid());
    assertTrue(rss >= touched.length, "RSS " + rss + " below the " + touched.length + " bytes just written");
    assertTrue(rss <= memTotalBytes(), "RSS " + rss + " above the machine's memory");
    Reference.reachabilityFence(touched);
  }

  @Test
  void rssOfAProcessThatIsGoneFailsRatherThanReadingZero() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    assertTrue(exited.waitFor(30, TimeUnit.SECONDS));
    assertThrows(IOException.class, () -> ProcessMemory.rss(exited.pid()));
  }

  private static long memTotalBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
    }
    throw new IllegalStateException("no MemTotal in /proc/meminfo");
  }
}
