package router.loadtest.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void ownRssIsPositive() throws Exception {
    assertTrue(ProcessMemory.rss(ProcessHandle.current().pid()) > 0);
  }
}
