package ai.use.jobs.label;

import ai.djl.Device;
import ai.use.common.config.ModelKeys;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.label.ClassEmbeddings;
import ai.use.model.label.LabelScorer;
import ai.use.model.label.PromptTemplates;
import ai.use.model.label.VersionHash;
import ai.use.model.label.Vocabulary;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A vocabulary ready to label with: class names, their ensembled text embeddings (computed once per
 * run, on the driver, with the clip-text model) and the {@code vocab_id} — hash of the vocabulary,
 * the templates, the clip-text model files and the logit scale. Serializable (broadcast to tasks).
 *
 * @param vocabId the vocab_id of segment_labels rows
 * @param names class names, element {@code i} = class id {@code i + 1}
 * @param scorer scores segment embeddings against the classes
 * @param topK labels kept per segment
 */
public record LabelVocabulary(String vocabId, List<String> names, LabelScorer scorer, int topK)
    implements Serializable {

  /** Reads the vocabulary and templates, embeds every prompt once and derives the vocab_id. */
  static LabelVocabulary load(
      LabelOptions options,
      Map<String, String> conf,
      Configuration hadoop,
      HadoopModelFetcher fetcher) {
    Vocabulary vocabulary =
        Vocabulary.parse(read(options.vocab(), "--vocab", hadoop), options.vocab());
    PromptTemplates templates =
        options.templates() == null
            ? PromptTemplates.DEFAULT
            : PromptTemplates.parse(
                read(options.templates(), "--templates", hadoop), options.templates());
    ModelSpec textSpec = new ModelSpec(ModelRole.CLIP_TEXT, ModelKeys.CLIP_TEXT.read(conf));
    VersionHash id =
        new VersionHash()
            .put("vocabulary", VersionHash.ofText(vocabulary.canonical()))
            .put("templates", VersionHash.ofText(templates.canonical()))
            .put("clip-text.pt", LabelModels.fileHash(textSpec, textSpec.uri(), fetcher))
            .put("clip-text.json", LabelModels.fileHash(textSpec, textSpec.sidecarUri(), fetcher))
            .put("logit_scale", Double.toString(options.logitScale()));
    LoadedModel text = ModelCache.get(textSpec, Device.cpu(), fetcher);
    ClassEmbeddings classes;
    try (ClipTextEncoder encoder = new ClipTextEncoder(text, ModelKeys.BATCH_SIZE.read(conf))) {
      classes = ClassEmbeddings.ensemble(vocabulary, templates, encoder::embed);
    }
    return new LabelVocabulary(
        id.id(),
        vocabulary.names(),
        new LabelScorer(classes, options.logitScale()),
        options.topK());
  }

  /** The classes.txt of semantic maps: line {@code i} (1-based) names class id {@code i}. */
  String classesText() {
    return String.join("\n", names) + "\n";
  }

  private static String read(String uri, String what, Configuration hadoop) {
    try (InputStream in = HadoopFiles.open(uri, hadoop, what)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + uri + ": " + e.getMessage(), e);
    }
  }
}
