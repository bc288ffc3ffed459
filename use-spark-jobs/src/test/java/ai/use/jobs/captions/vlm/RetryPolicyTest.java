package ai.use.jobs.captions.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(100, 1_000, new Random(3));

  @Test
  void theDelayDoublesWithJitterInTheUpperHalfUpToTheCap() {
    for (int i = 0; i < 200; i++) {
      assertThat(policy.delay(1, Optional.empty())).isBetween(ms(50), ms(100));
      assertThat(policy.delay(2, Optional.empty())).isBetween(ms(100), ms(200));
      assertThat(policy.delay(3, Optional.empty())).isBetween(ms(200), ms(400));
      assertThat(policy.delay(5, Optional.empty())).isBetween(ms(500), ms(1_000));
      assertThat(policy.delay(60, Optional.empty())).isBetween(ms(500), ms(1_000));
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> policy.delay(4, Optional.empty()))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(20);
  }

  @Test
  void retryAfterIsHonouredUpToTheCap() {
    assertThat(policy.delay(1, Optional.of(ms(700)))).isEqualTo(ms(700));
    assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(ms(1_000));
    assertThat(policy.delay(5, Optional.of(ms(1)))).isBetween(ms(500), ms(1_000));
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), ZoneOffset.UTC);
    assertThat(RetryPolicy.parseRetryAfter("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryPolicy.parseRetryAfter(" 0 ", clock)).contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 13:00:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 12:00:00 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("-3", clock)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(null, clock)).isEmpty();
  }

  @Test
  void whichStatusesAreRetried() {
    assertThat(RetryPolicy.retryable(429)).isTrue();
    assertThat(RetryPolicy.retryable(408)).isTrue();
    assertThat(RetryPolicy.retryable(500)).isTrue();
    assertThat(RetryPolicy.retryable(502)).isTrue();
    assertThat(RetryPolicy.retryable(503)).isTrue();
    assertThat(RetryPolicy.retryable(504)).isTrue();
    assertThat(RetryPolicy.retryable(501)).isFalse();
    assertThat(RetryPolicy.retryable(400)).isFalse();
    assertThat(RetryPolicy.retryable(401)).isFalse();
    assertThat(RetryPolicy.retryable(404)).isFalse();
    assertThat(RetryPolicy.retryable(413)).isFalse();
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
