package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRenderTest {

  private static final int THREADS = 8;
  private static final int RENDERS_PER_THREAD = 200;

  @Test
  void sharedCompiledTemplateRendersIndependentlyOnManyThreads() throws Exception {
    CompiledTemplate template = new TemplateEngine().compile("concurrent", """
        #set($root = $input.path('$'))#set($seen = [])\
        #foreach($i in $root.items)#set($ignored = $seen.add($i * 2))#end\
        $context.connectionId:$root.id:$seen:$input.json('$.id')""");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int r = 0; r < RENDERS_PER_THREAD; r++) {
            String id = thread + "-" + r;
            String body = "{\"id\":\"" + id + "\",\"items\":[" + thread + "," + r + "]}";
            String output = template.render(
                TemplateContext.ofMessage(body, Map.of("connectionId", "c" + thread), Map.of()));
            assertEquals("c" + thread + ":" + id + ":[" + thread * 2 + ", " + r * 2 + "]:\""
                + id + "\"", output);
          }
          return null;
        }));
      }
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        for (Future<?> result : results) {
          result.get();
        }
      });
    } finally {
      pool.shutdownNow();
    }
  }
}
