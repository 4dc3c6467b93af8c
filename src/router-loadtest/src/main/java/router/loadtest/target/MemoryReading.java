package router.loadtest.target;

/** Heap in use after a full GC and resident set size of a process, in bytes. */
public record MemoryReading(long heapUsedBytes, long rssBytes) {}
