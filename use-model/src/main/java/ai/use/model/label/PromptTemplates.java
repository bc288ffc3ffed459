package ai.use.model.label;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP-style prompt templates: each holds {@code {}} once, replaced by a class name. A class's text
 * embedding is the mean of the normalized embeddings of all its (name, template) prompts ({@link
 * ClassEmbeddings}).
 *
 * @param templates the templates, each with exactly one {@code {}}
 */
public record PromptTemplates(List<String> templates) {
  /**
   * The default: a few of CLIP's ImageNet templates plus caption-like ones. Words a text model does
   * not know become its unknown token, so the same set serves real CLIP and the toy zoo.
   */
  public static final PromptTemplates DEFAULT =
      new PromptTemplates(
          List.of(
              "a photo of a {}.",
              "a picture of a {}.",
              "a scene with a {}.",
              "there is a {} in the scene.",
              "a photo of the {}.",
              "the {}.",
              "a {}."));

  /** Validates: at least one template, each with exactly one {@code {}}. */
  public PromptTemplates {
    Preconditions.checkArgument(!templates.isEmpty(), "at least one prompt template is needed");
    for (String t : templates) {
      int first = t.indexOf("{}");
      Preconditions.checkArgument(
          first >= 0 && t.indexOf("{}", first + 1) < 0,
          "prompt template '%s' must contain {} exactly once",
          t);
    }
    templates = List.copyOf(templates);
  }

  /** Parses one template per line (blank lines and {@code #} comments skipped). */
  public static PromptTemplates parse(String text, String source) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.indexOf("{}") < 0 || t.indexOf("{}") != t.lastIndexOf("{}")) {
        throw new IllegalArgumentException(
            source + ": template '" + t + "' must contain {} exactly once (the class name)");
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no template: write one per line");
    }
    return new PromptTemplates(out);
  }

  /** The prompts of one name, in template order. */
  public List<String> apply(String name) {
    return templates.stream().map(t -> t.replace("{}", name)).toList();
  }

  /** Canonical text (for hashing): one template per line. */
  public String canonical() {
    return String.join("\n", templates) + "\n";
  }
}
