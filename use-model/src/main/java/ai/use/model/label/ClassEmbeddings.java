package ai.use.model.label;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One text embedding per vocabulary class, CLIP's zero-shot ensembling: every name of a class (name
 * and synonyms) is put into every template, the prompts are embedded, each embedding is
 * L2-normalized, the class's embeddings are averaged and the mean is L2-normalized again. Computed
 * once per run on the driver.
 *
 * @param vectors {@code [K][D]}, row {@code i} for class id {@code i + 1}, L2-normalized
 */
public record ClassEmbeddings(float[][] vectors) implements Serializable {
  /** Validates: at least one class, equal widths, unit length. */
  public ClassEmbeddings {
    Preconditions.checkArgument(vectors.length > 0, "no class embeddings");
    int d = vectors[0].length;
    for (float[] v : vectors) {
      Preconditions.checkArgument(v.length == d, "class embeddings differ in width");
    }
  }

  /**
   * Ensembles the class embeddings.
   *
   * @param vocabulary the classes
   * @param templates the prompt templates
   * @param encoder texts → embeddings {@code [texts][D]} (not necessarily normalized), e.g. the
   *     clip-text model; called once with every prompt
   */
  public static ClassEmbeddings ensemble(
      Vocabulary vocabulary, PromptTemplates templates, Function<List<String>, float[][]> encoder) {
    List<String> prompts = new ArrayList<>();
    int[] start = new int[vocabulary.size() + 1];
    for (int i = 0; i < vocabulary.size(); i++) {
      start[i] = prompts.size();
      for (String name : vocabulary.classes().get(i).names()) {
        prompts.addAll(templates.apply(name));
      }
    }
    start[vocabulary.size()] = prompts.size();
    float[][] embedded = encoder.apply(prompts);
    Preconditions.checkState(
        embedded.length == prompts.size(),
        "text encoder returned %s embeddings for %s prompts",
        embedded.length,
        prompts.size());
    float[][] out = new float[vocabulary.size()][];
    for (int i = 0; i < vocabulary.size(); i++) {
      int d = embedded[start[i]].length;
      float[] mean = new float[d];
      for (int p = start[i]; p < start[i + 1]; p++) {
        float[] e = Vectors.normalized(embedded[p], prompts.get(p));
        for (int j = 0; j < d; j++) {
          mean[j] += e[j];
        }
      }
      out[i] = Vectors.normalized(mean, "class " + vocabulary.classes().get(i).name());
    }
    return new ClassEmbeddings(out);
  }

  /** Number of classes K. */
  public int size() {
    return vectors.length;
  }

  /** Embedding width D. */
  public int width() {
    return vectors[0].length;
  }
}
