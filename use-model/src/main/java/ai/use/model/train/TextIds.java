package ai.use.model.train;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit text ids for {@link TrainingExample#textIds()}: the first 8 bytes of SHA-256 of the
 * text's UTF-8 bytes (little-endian), so identical texts get identical ids in every JVM and every
 * run — which is what masks duplicates out as negatives. Texts are compared exactly (no case or
 * whitespace folding: normalize texts before, once, where they are made).
 */
public final class TextIds {
  private TextIds() {}

  /** The id of {@code text}. */
  public static long of(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asLong();
  }
}
