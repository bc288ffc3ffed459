package ai.use.jobs.captions.vlm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/**
 * When to retry a request and how long to wait first: exponential backoff with jitter, never less
 * than the server's {@code Retry-After}, never more than the cap.
 */
final class RetryPolicy {
  private final long baseMillis;
  private final long maxMillis;
  private final Random random;

  RetryPolicy(long baseMillis, long maxMillis, Random random) {
    this.baseMillis = baseMillis;
    this.maxMillis = Math.max(baseMillis, maxMillis);
    this.random = random;
  }

  /** 408, 429 and the 5xx that may pass (all but 501 Not Implemented and 505). */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /**
   * The wait before retry number {@code retry} (1 = the first retry): half of {@code base ·
   * 2^(retry-1)} plus a uniform random share of the other half ("equal jitter", so tasks that
   * failed together do not come back together), at least {@code retryAfter}, at most the cap.
   */
  Duration delay(int retry, Optional<Duration> retryAfter) {
    double exponential = baseMillis * Math.pow(2, Math.min(retry - 1, 40));
    long ceiling = (long) Math.min(exponential, maxMillis);
    long half = ceiling / 2;
    long wait = half + (ceiling - half == 0 ? 0 : (long) (random.nextDouble() * (ceiling - half)));
    if (retryAfter.isPresent()) {
      wait = Math.max(wait, retryAfter.get().toMillis());
    }
    return Duration.ofMillis(Math.min(wait, maxMillis));
  }

  /**
   * A {@code Retry-After} header: delay-seconds or an HTTP date (RFC 1123); empty when absent or
   * unreadable, zero for a date in the past.
   */
  static Optional<Duration> parseRetryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
