package ai.use.common.config;

import java.util.List;

/** The {@code spark.use.vlm.*} keys of the {@code vlm} caption source. */
public final class VlmKeys {
  private VlmKeys() {}

  public static final ConfigKey<String> ENDPOINT =
      ConfigKey.stringKey(
          "spark.use.vlm.endpoint",
          "",
          "Base URL of the OpenAI-compatible server, e.g. http://vlm-host:8000 (the source POSTs to"
              + " {endpoint}/v1/chat/completions). Required for pairs --source vlm.");

  public static final ConfigKey<String> MODEL =
      ConfigKey.stringKey(
          "spark.use.vlm.model",
          "",
          "Model name sent in each request (as the server lists it under /v1/models). Required for"
              + " pairs --source vlm.");

  public static final ConfigKey<String> PROMPT =
      ConfigKey.choiceKey(
          "spark.use.vlm.prompt",
          "detailed",
          List.of("detailed", "objects"),
          "Which documented prompt to ask: detailed (objects, attributes and all visible parts) or"
              + " objects (objects and attributes only).");

  public static final ConfigKey<String> API_KEY_ENV =
      ConfigKey.stringKey(
          "spark.use.vlm.apiKeyEnv",
          "USE_VLM_API_KEY",
          "Environment variable (on the executors) holding the API key. Empty: do not look in the"
              + " environment.");

  public static final ConfigKey<String> API_KEY_ALIAS =
      ConfigKey.stringKey(
          "spark.use.vlm.apiKeyAlias",
          "use.vlm.api.key",
          "Alias of the API key in a Hadoop credential provider"
              + " (hadoop.security.credential.provider.path), read when the environment variable is"
              + " unset. No key at all: requests carry no Authorization header.");

  public static final ConfigKey<Integer> MAX_CONCURRENCY =
      ConfigKey.intKey(
          "spark.use.vlm.maxConcurrency",
          4,
          1,
          1024,
          "Requests in flight at once per executor JVM, across all its tasks.");

  public static final ConfigKey<Integer> TIMEOUT_SECONDS =
      ConfigKey.intKey(
          "spark.use.vlm.timeoutSeconds",
          120,
          1,
          3600,
          "Time limit of one request, from sending it to the whole answer; a timeout is retried.");

  public static final ConfigKey<Integer> MAX_RETRIES =
      ConfigKey.intKey(
          "spark.use.vlm.maxRetries",
          4,
          0,
          100,
          "Retries of one image after a 429, a 5xx, a timeout or a connection error (so at most"
              + " maxRetries + 1 requests).");

  public static final ConfigKey<Long> BACKOFF_MILLIS =
      ConfigKey.longKey(
          "spark.use.vlm.backoffMillis",
          1000,
          1,
          600_000,
          "First retry delay; doubles each retry, with full jitter, up to maxBackoffMillis.");

  public static final ConfigKey<Long> MAX_BACKOFF_MILLIS =
      ConfigKey.longKey(
          "spark.use.vlm.maxBackoffMillis",
          60_000,
          1,
          3_600_000,
          "Longest wait between two requests of one image, also for a server's Retry-After.");

  public static final ConfigKey<Integer> MAX_TOKENS =
      ConfigKey.intKey(
          "spark.use.vlm.maxTokens",
          512,
          16,
          32_768,
          "max_tokens of each request: the longest caption the model may write.");

  public static final ConfigKey<Double> TEMPERATURE =
      ConfigKey.doubleKey(
          "spark.use.vlm.temperature",
          0.0,
          0.0,
          2.0,
          "Sampling temperature; 0 asks for the most likely (repeatable) caption.");

  public static final ConfigKey<String> CACHE_DIR =
      ConfigKey.stringKey(
          "spark.use.vlm.cacheDir",
          "",
          "Directory (any Hadoop file system: file://, hdfs://, s3a://) of the response cache keyed"
              + " by image content, model and prompt, so a rerun does not pay twice. Empty: no"
              + " cache.");

  /** Every key of this area, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return List.of(
        ENDPOINT,
        MODEL,
        PROMPT,
        API_KEY_ENV,
        API_KEY_ALIAS,
        MAX_CONCURRENCY,
        TIMEOUT_SECONDS,
        MAX_RETRIES,
        BACKOFF_MILLIS,
        MAX_BACKOFF_MILLIS,
        MAX_TOKENS,
        TEMPERATURE,
        CACHE_DIR);
  }
}
