package ai.use.jobs.captions.vlm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * The JVM-wide bound on requests in flight: one fair semaphore per (endpoint, maxConcurrency),
 * shared by every task of the executor, held only while a request is on the wire (not while waiting
 * to retry).
 */
final class VlmPermits {
  private static final ConcurrentMap<String, Semaphore> PERMITS = new ConcurrentHashMap<>();

  private VlmPermits() {}

  static Semaphore of(String endpoint, int maxConcurrency) {
    return PERMITS.computeIfAbsent(
        endpoint + " " + maxConcurrency, k -> new Semaphore(maxConcurrency, true));
  }
}
