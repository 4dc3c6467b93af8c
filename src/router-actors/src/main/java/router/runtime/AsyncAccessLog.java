package router.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access and execution log lines written by one daemon thread, off the data plane: callers only offer a line to a
 * bounded queue; when it is full the line is dropped and counted ({@code onDropped}), so a slow log destination
 * never slows messages. Lines go to SLF4J loggers at INFO, or ERROR (the node's logging configuration routes them).
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {
  private static final int BATCH = 256;

  private record Line(String loggerName, String text, boolean error) {}

  /** Writes one line (the writer thread's only call out). */
  interface Writer {
    void write(String loggerName, String line, boolean error);
  }

  private final BlockingQueue<Line> queue;
  private final Writer out;
  private final Runnable onDropped;
  private final Thread writer;

  /** @param capacity lines that may wait; @param onDropped called once per dropped line (counts it) */
  public AsyncAccessLog(int capacity, Runnable onDropped) {
    this(capacity, onDropped, AsyncAccessLog::toSlf4j);
  }

  AsyncAccessLog(int capacity, Runnable onDropped, Writer out) {
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
    offer(loggerName, line, false);
  }

  @Override
  public void offer(String loggerName, String line, boolean error) {
    if (!queue.offer(new Line(loggerName, line, error))) onDropped.run();
  }

  private static void toSlf4j(String loggerName, String line, boolean error) {
    Logger logger = LoggerFactory.getLogger(loggerName);
    if (error) logger.error(line);
    else logger.info(line);
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
        out.write(line.loggerName(), line.text(), line.error());
      } catch (RuntimeException e) {
        // A failing appender must not stop the writer; the logging framework reports its own failures.
      }
    }
    batch.clear();
  }
}
