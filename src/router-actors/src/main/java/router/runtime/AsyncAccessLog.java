package router.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;

/**
 * Access log lines written by one daemon thread, off the data plane: callers only offer a line to a bounded
 * queue; when it is full the line is dropped and counted ({@code onDropped}), so a slow log destination never
 * slows messages. Lines go to SLF4J loggers at INFO (the node's logging configuration routes them).
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {
  private static final int BATCH = 256;

  private record Line(String loggerName, String text) {}

  private final BlockingQueue<Line> queue;
  private final BiConsumer<String, String> out;
  private final Runnable onDropped;
  private final Thread writer;

  /** @param capacity lines that may wait; @param onDropped called once per dropped line (counts it) */
  public AsyncAccessLog(int capacity, Runnable onDropped) {
    this(capacity, onDropped, (logger, line) -> LoggerFactory.getLogger(logger).info(line));
  }

  AsyncAccessLog(int capacity, Runnable onDropped, BiConsumer<String, String> out) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = out;
    this.onDropped = onDropped;
    this.writer = new Thread(this::drain, "router-access-log");
    writer.setDaemon(true);
  }

  /** Starts the writer thread; lines offered before wait in the queue. */
  public AsyncAccessLog start() {
    writer.start();
    return this;
  }

  @Override
  public void offer(String loggerName, String line) {
    if (!queue.offer(new Line(loggerName, line))) onDropped.run();
  }

  /** Stops the writer after the lines already queued. */
  @Override
  public void close() {
    writer.interrupt();
  }

  private void drain() {
    List<Line> batch = new ArrayList<>(BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, BATCH - 1);
        write(batch);
      }
    } catch (InterruptedException e) {
      queue.drainTo(batch);
      write(batch);
    }
  }

  private void write(List<Line> batch) {
    for (Line line : batch) {
      try {
        out.accept(line.loggerName(), line.text());
      } catch (RuntimeException e) {
        // A failing appender must not stop the writer; the logging framework reports its own failures.
      }
    }
    batch.clear();
  }
}
