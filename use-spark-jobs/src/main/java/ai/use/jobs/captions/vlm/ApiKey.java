package ai.use.jobs.captions.vlm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * The API key, resolved on the executor from an environment variable or a Hadoop credential
 * provider ({@link Configuration#getPassword}). It is never logged, never serialized (this class is
 * not {@code Serializable}; {@link VlmSettings} holds only where to find it) and {@link
 * #redact(String)} removes it from any text that leaves the source (error messages).
 */
final class ApiKey {
  private final String value;
  private final String source;

  private ApiKey(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * The key from the environment variable {@code envName} (when non-empty and set), else from the
   * credential provider entry {@code alias} of {@code conf}, else none.
   */
  static ApiKey resolve(
      String envName, String alias, Configuration conf, Function<String, String> env) {
    if (!envName.isEmpty()) {
      String v = env.apply(envName);
      if (v != null && !v.isBlank()) {
        return new ApiKey(v.strip(), "environment variable " + envName);
      }
    }
    if (!alias.isEmpty()) {
      char[] password;
      try {
        password = conf.getPassword(alias);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the VLM API key alias '"
                + alias
                + "' from the Hadoop credential providers ("
                + conf.get("hadoop.security.credential.provider.path", "none configured")
                + "): check hadoop.security.credential.provider.path and that executors can read"
                + " it",
            e);
      }
      if (password != null && password.length > 0) {
        return new ApiKey(new String(password).strip(), "credential alias " + alias);
      }
    }
    return new ApiKey(null, "none");
  }

  boolean present() {
    return value != null && !value.isEmpty();
  }

  /** The {@code Authorization} header value. */
  String bearer() {
    return "Bearer " + value;
  }

  /** Where the key came from, for logs: never the key. */
  String source() {
    return source;
  }

  /** {@code text} with every occurrence of the key replaced by {@code ***}. */
  String redact(String text) {
    if (!present() || text == null) {
      return text;
    }
    return text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "ApiKey[" + source + "]";
  }
}
