package ai.use.jobs.captions.vlm;

import ai.use.common.config.VlmKeys;
import ai.use.jobs.models.SerializableConfiguration;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The {@code vlm} source's settings, read once on the driver from the {@code spark.use.vlm.*}
 * properties ({@link VlmKeys}) and shipped to executors in the task closure. It holds where the API
 * key is ({@code apiKeyEnv}, {@code apiKeyAlias}), never the key itself.
 *
 * @param endpoint base URL without a trailing slash ({@code /v1} is added unless already there)
 * @param model model name sent with each request
 * @param prompt the documented prompt asked
 * @param apiKeyEnv environment variable with the key, or empty
 * @param apiKeyAlias credential-provider alias of the key, or empty
 * @param maxConcurrency requests in flight per executor JVM
 * @param timeout limit of one request
 * @param maxRetries retries per image after retryable failures
 * @param backoffMillis first retry delay
 * @param maxBackoffMillis longest retry delay (also caps Retry-After)
 * @param maxTokens max_tokens of each request
 * @param temperature sampling temperature
 * @param cacheDir response cache directory, or empty for none
 * @param hadoop the Hadoop configuration (cache file system, credential providers)
 */
public record VlmSettings(
    String endpoint,
    String model,
    VlmPrompt prompt,
    String apiKeyEnv,
    String apiKeyAlias,
    int maxConcurrency,
    Duration timeout,
    int maxRetries,
    long backoffMillis,
    long maxBackoffMillis,
    int maxTokens,
    double temperature,
    String cacheDir,
    SerializableConfiguration hadoop)
    implements Serializable {

  /**
   * Reads and validates every {@code spark.use.vlm.*} key; throws an {@link
   * IllegalArgumentException} naming the first bad key.
   */
  public static VlmSettings from(Map<String, String> properties, Configuration hadoop) {
    String endpoint = VlmKeys.ENDPOINT.read(properties);
    if (endpoint.isEmpty()) {
      throw new IllegalArgumentException(
          VlmKeys.ENDPOINT.name()
              + " is not set: pairs --source vlm needs the base URL of an OpenAI-compatible server,"
              + " e.g. --conf "
              + VlmKeys.ENDPOINT.name()
              + "=http://vlm-host:8000");
    }
    checkEndpoint(endpoint);
    String model = VlmKeys.MODEL.read(properties);
    if (model.isEmpty()) {
      throw new IllegalArgumentException(
          VlmKeys.MODEL.name()
              + " is not set: name the model the server serves (see GET "
              + endpoint
              + "/v1/models)");
    }
    return new VlmSettings(
        endpoint.replaceAll("/+$", ""),
        model,
        VlmPrompt.of(VlmKeys.PROMPT.read(properties)),
        VlmKeys.API_KEY_ENV.read(properties),
        VlmKeys.API_KEY_ALIAS.read(properties),
        VlmKeys.MAX_CONCURRENCY.read(properties),
        Duration.ofSeconds(VlmKeys.TIMEOUT_SECONDS.read(properties)),
        VlmKeys.MAX_RETRIES.read(properties),
        VlmKeys.BACKOFF_MILLIS.read(properties),
        VlmKeys.MAX_BACKOFF_MILLIS.read(properties),
        VlmKeys.MAX_TOKENS.read(properties),
        VlmKeys.TEMPERATURE.read(properties),
        VlmKeys.CACHE_DIR.read(properties),
        new SerializableConfiguration(hadoop));
  }

  private static void checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          VlmKeys.ENDPOINT.name() + "=" + endpoint + " is not a URL: " + e.getMessage(), e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          VlmKeys.ENDPOINT.name()
              + "="
              + endpoint
              + " is not allowed: an http:// or https:// URL with a host, e.g."
              + " http://vlm-host:8000");
    }
  }

  /** {@code POST} target: {@code {endpoint}/v1/chat/completions}. */
  public URI chatCompletionsUri() {
    String base =
        endpoint.endsWith("/v1") ? endpoint.substring(0, endpoint.length() - 3) : endpoint;
    return URI.create(base + ChatCompletions.PATH);
  }

  /** The settings for logs and the job's effective config (no secrets: there are none here). */
  @Override
  public String toString() {
    return "VlmSettings[endpoint="
        + endpoint
        + ", model="
        + model
        + ", prompt="
        + prompt.id()
        + ", apiKeyEnv="
        + apiKeyEnv
        + ", apiKeyAlias="
        + apiKeyAlias
        + ", maxConcurrency="
        + maxConcurrency
        + ", timeout="
        + VlmCaptioner.seconds(timeout)
        + ", maxRetries="
        + maxRetries
        + ", backoffMillis="
        + backoffMillis
        + ", maxBackoffMillis="
        + maxBackoffMillis
        + ", maxTokens="
        + maxTokens
        + ", temperature="
        + temperature
        + ", cacheDir="
        + (cacheDir.isEmpty() ? "(none)" : cacheDir)
        + "]";
  }
}
