package ai.use.common.id;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/** Deterministic ids: the same input gives the same id on every machine and every run. */
public final class StableIds {
  private StableIds() {}

  /** The {@code image_id} of an image: the first 16 hex digits of SHA-256 of its URI. */
  public static String imageId(String uri) {
    return of(uri);
  }

  /**
   * 16 hex digits of SHA-256 over the parts, each length-prefixed (so parts never run together).
   */
  public static String of(String... parts) {
    @SuppressWarnings("UnstableApiUsage")
    Hasher hasher = Hashing.sha256().newHasher();
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      hasher.putInt(bytes.length).putBytes(bytes);
    }
    return hasher.hash().toString().substring(0, 16);
  }
}
