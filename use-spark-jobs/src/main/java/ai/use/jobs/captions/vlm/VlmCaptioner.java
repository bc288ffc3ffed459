package ai.use.jobs.captions.vlm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captions images with a vision-language model behind an OpenAI-compatible chat-completions
 * endpoint. Call it inside {@code mapPartitions}: {@code VlmCaptioner.create(settings)} once per
 * partition, then {@link #caption(List)} per batch. Every image gets exactly one {@link
 * CaptionResult}, in input order: a caption or an error for the {@code errors} table.
 *
 * <p>Requests of one call run in parallel; all calls of a JVM share {@link
 * VlmSettings#maxConcurrency()} permits. Retryable failures (429, 5xx, timeouts, connection errors)
 * are retried with backoff; see {@code docs/vlm-captions.md} for each failure's behaviour.
 * Thread-safe.
 */
public final class VlmCaptioner {
  private static final Logger LOG = LoggerFactory.getLogger(VlmCaptioner.class);
  private static final java.util.concurrent.atomic.AtomicBoolean LOGGED_SETTINGS =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static volatile HttpClient sharedClient;

  /** Waits between retries; a seam for tests. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final VlmSettings settings;
  private final ApiKey key;
  private final HttpClient client;
  private final Sleeper sleeper;
  private final RetryPolicy retry;
  private final Semaphore permits;
  private final ResponseCache cache;

  VlmCaptioner(
      VlmSettings settings, ApiKey key, HttpClient client, Sleeper sleeper, Random random) {
    this.settings = settings;
    this.key = key;
    this.client = client;
    this.sleeper = sleeper;
    this.retry = new RetryPolicy(settings.backoffMillis(), settings.maxBackoffMillis(), random);
    this.permits = VlmPermits.of(settings.endpoint(), settings.maxConcurrency());
    this.cache =
        settings.cacheDir().isEmpty()
            ? null
            : new ResponseCache(settings.cacheDir(), settings.hadoop().get());
  }

  /** A captioner on this JVM's shared HTTP client, with the key from the executor's environment. */
  public static VlmCaptioner create(VlmSettings settings) {
    ApiKey key =
        ApiKey.resolve(
            settings.apiKeyEnv(), settings.apiKeyAlias(), settings.hadoop().get(), System::getenv);
    if (LOGGED_SETTINGS.compareAndSet(false, true)) {
      LOG.info("VLM captions from {} (API key: {})", settings, key.source());
    } else {
      LOG.debug("VLM captions from {} (API key: {})", settings, key.source());
    }
    return new VlmCaptioner(
        settings, key, httpClient(), d -> Thread.sleep(d.toMillis()), new Random());
  }

  private static HttpClient httpClient() {
    HttpClient c = sharedClient;
    if (c == null) {
      synchronized (VlmCaptioner.class) {
        c = sharedClient;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(30))
                  .build();
          sharedClient = c;
        }
      }
    }
    return c;
  }

  /**
   * The results of a partition's images, lazily, {@code batchSize} images in flight per batch: for
   * {@code mapPartitions}, so a partition is never held in memory whole.
   */
  public Iterator<CaptionResult> caption(Iterator<ImageBytes> images, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize " + batchSize + " is not allowed: at least 1");
    }
    return new Iterator<>() {
      private Iterator<CaptionResult> batch = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && images.hasNext()) {
          List<ImageBytes> next = new ArrayList<>(batchSize);
          while (next.size() < batchSize && images.hasNext()) {
            next.add(images.next());
          }
          batch = caption(next).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public CaptionResult next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  /** One result per image, in input order; blocks until all are done. */
  public List<CaptionResult> caption(List<ImageBytes> images) {
    if (images.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(images.size(), settings.maxConcurrency());
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "use-vlm-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<CaptionResult>> futures = new ArrayList<>(images.size());
      for (ImageBytes image : images) {
        futures.add(pool.submit(() -> captionOne(image)));
      }
      List<CaptionResult> out = new ArrayList<>(images.size());
      for (Future<CaptionResult> f : futures) {
        out.add(f.get());
      }
      logSummary(out);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while captioning (task cancelled?)", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("captioning failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void logSummary(List<CaptionResult> out) {
    int cached = 0;
    int failed = 0;
    int requests = 0;
    for (CaptionResult r : out) {
      cached += r.cached() ? 1 : 0;
      failed += r.isOk() ? 0 : 1;
      requests += r.requests();
    }
    LOG.debug(
        "VLM captions: {} images, {} from the cache, {} failed, {} requests",
        out.size(),
        cached,
        failed,
        requests);
  }

  CaptionResult captionOne(ImageBytes image) throws InterruptedException {
    byte[] bytes = image.content();
    if (bytes == null || bytes.length == 0) {
      return CaptionResult.failed(
          image, VlmFailure.BAD_IMAGE.errorClass(), "the image file is empty: nothing to send", 0);
    }
    String mime = ChatCompletions.mimeType(bytes);
    if (mime == null) {
      return CaptionResult.failed(
          image,
          VlmFailure.BAD_IMAGE.errorClass(),
          "not a PNG, JPEG, GIF, WebP or BMP file (it starts with "
              + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(4, bytes.length))
              + "): convert it or leave it out",
          0);
    }
    String imageSha = ResponseCache.sha256(bytes);
    String cacheKey =
        ResponseCache.key(
            imageSha,
            settings.model(),
            settings.prompt(),
            settings.maxTokens(),
            settings.temperature());
    if (cache != null) {
      Optional<String> hit = cache.get(cacheKey);
      if (hit.isPresent()) {
        LOG.debug("image {}: caption from the cache", image.imageId());
        return CaptionResult.ok(image, hit.get(), 0, true);
      }
    }
    byte[] body =
        ChatCompletions.request(
            settings.model(),
            settings.prompt(),
            settings.maxTokens(),
            settings.temperature(),
            mime,
            bytes);
    CaptionResult result = ask(image, body);
    if (result.isOk() && cache != null) {
      cache.put(cacheKey, imageSha, settings.model(), settings.prompt(), result.caption());
    }
    return result;
  }

  /** The request loop of one image. */
  private CaptionResult ask(ImageBytes image, byte[] body) throws InterruptedException {
    int attempts = settings.maxRetries() + 1;
    String lastCause = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      HttpResponse<byte[]> response = null;
      long t0 = System.nanoTime();
      permits.acquire();
      try {
        response = client.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        lastCause = "no answer within " + seconds(settings.timeout());
      } catch (IOException e) {
        lastCause = "connection failed: " + e;
      } finally {
        permits.release();
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (response != null) {
        int status = response.statusCode();
        LOG.debug("image {}: attempt {} HTTP {} in {} ms", image.imageId(), attempt, status, ms);
        if (status >= 200 && status < 300) {
          return answer(image, response.body(), attempt);
        }
        if (!RetryPolicy.retryable(status)) {
          return CaptionResult.failed(
              image, VlmFailure.HTTP_ERROR.errorClass(), httpError(status, response), attempt);
        }
        lastCause = "HTTP " + status + ": " + ChatCompletions.preview(response.body());
        retryAfter =
            RetryPolicy.parseRetryAfter(
                response.headers().firstValue("Retry-After").orElse(null), Clock.systemUTC());
      }
      if (attempt < attempts) {
        Duration wait = retry.delay(attempt, retryAfter);
        LOG.warn(
            "image {}: {} (attempt {} of {}); retrying in {} ms",
            image.imageId(),
            key.redact(lastCause),
            attempt,
            attempts,
            wait.toMillis());
        sleeper.sleep(wait);
      }
    }
    return CaptionResult.failed(
        image,
        VlmFailure.RETRIES_EXHAUSTED.errorClass(),
        key.redact(
            "no caption after "
                + attempts
                + " requests to "
                + settings.chatCompletionsUri()
                + "; last: "
                + lastCause
                + ". The server is overloaded or down: lower "
                + VlmKeys.MAX_CONCURRENCY.name()
                + ", raise "
                + VlmKeys.MAX_RETRIES.name()
                + " or "
                + VlmKeys.TIMEOUT_SECONDS.name()
                + ", or rerun (cached captions are not asked again)"),
        attempts);
  }

  /** {@code "120 s"}, {@code "0.3 s"}. */
  static String seconds(Duration d) {
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString()
        + " s";
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(settings.chatCompletionsUri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key.present()) {
      b.header("Authorization", key.bearer());
    }
    return b.build();
  }

  private CaptionResult answer(ImageBytes image, byte[] body, int requests) {
    String text;
    try {
      text = ChatCompletions.caption(body);
    } catch (ChatCompletions.BadResponseException e) {
      return CaptionResult.failed(
          image,
          VlmFailure.BAD_RESPONSE.errorClass(),
          key.redact(e.getMessage() + " (from " + settings.chatCompletionsUri() + ")"),
          requests);
    }
    // A model that echoes the key must not write it into a table.
    String caption = key.redact(ChatCompletions.normalize(text));
    if (caption.isEmpty()) {
      return CaptionResult.failed(
          image,
          VlmFailure.EMPTY_CAPTION.errorClass(),
          "the model answered with no text: "
              + key.redact(ChatCompletions.preview(body))
              + " (check "
              + VlmKeys.MAX_TOKENS.name()
              + " and that the model accepts images)",
          requests);
    }
    return CaptionResult.ok(image, caption, requests, false);
  }

  private String httpError(int status, HttpResponse<byte[]> response) {
    String hint =
        switch (status) {
          case 401, 403 ->
              "check the API key (environment variable "
                  + settings.apiKeyEnv()
                  + " or credential alias "
                  + settings.apiKeyAlias()
                  + "; using: "
                  + key.source()
                  + ")";
          case 404 ->
              "check "
                  + VlmKeys.ENDPOINT.name()
                  + " and "
                  + VlmKeys.MODEL.name()
                  + " (GET /v1/models lists the served models)";
          case 413 ->
              "the image is too large for the server: resize it or raise the server's limit";
          default -> "the server refused the request";
        };
    return key.redact(
        "HTTP "
            + status
            + " from "
            + settings.chatCompletionsUri()
            + ": "
            + ChatCompletions.preview(response.body())
            + "; "
            + hint);
  }
}
