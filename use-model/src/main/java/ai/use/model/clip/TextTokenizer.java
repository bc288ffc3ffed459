package ai.use.model.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.common.base.Preconditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (through DJL's HF tokenizers, offline) that turns texts
 * into int64 ids {@code [B, L]}: truncated to the context length L (keeping a final special token
 * such as CLIP's end-of-text) and padded with the model's pad id.
 */
public final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final long padId;

  public TextTokenizer(Path tokenizerJson, int contextLength, long padId) {
    Preconditions.checkArgument(contextLength > 0, "context length must be positive");
    try {
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              tokenizerJson, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
    }
    this.contextLength = contextLength;
    this.padId = padId;
  }

  /** Token ids of each text, {@code [texts.size(), L]}, row-major. */
  public long[] encode(List<String> texts) {
    long[] out = new long[texts.size() * contextLength];
    java.util.Arrays.fill(out, padId);
    for (int i = 0; i < texts.size(); i++) {
      Encoding e = tokenizer.encode(texts.get(i));
      long[] ids = e.getIds();
      long[] special = e.getSpecialTokenMask();
      int n = Math.min(ids.length, contextLength);
      System.arraycopy(ids, 0, out, i * contextLength, n);
      if (ids.length > contextLength && special.length > 0 && special[ids.length - 1] == 1) {
        out[i * contextLength + contextLength - 1] = ids[ids.length - 1];
      }
    }
    return out;
  }

  /** The tokens of one text, for inspection and tests. */
  public List<String> tokens(String text) {
    return List.of(tokenizer.encode(text).getTokens());
  }

  public int contextLength() {
    return contextLength;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
