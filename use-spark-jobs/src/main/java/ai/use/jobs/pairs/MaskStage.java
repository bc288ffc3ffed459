package ai.use.jobs.pairs;

import ai.djl.ndarray.NDManager;
import ai.use.common.geometry.StabilityScore;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.model.pairs.SegmentCandidate;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEmbedding;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamOutput;
import ai.use.model.sam.SamPrompt;
import ai.use.model.spec.ModelRole;
import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stage 4: boxes → masks. The SAM encoder runs once per image; box prompts are decoded in passes of
 * {@code spark.use.pairs.promptBatch}. Each prompt keeps one of SAM's four masks ({@code
 * spark.use.pairs.maskChoice}) with SAM's post-processing ({@link SamOutput#originalLogits}:
 * bilinear up-sampling to the 1024 frame, padding removed, bilinear to the original size, logit >
 * 0), its predicted IoU and its stability score (offset 1.0, as SAM's default). An empty mask is an
 * errors row.
 */
final class MaskStage implements FlatMapFunction<Iterator<ImageWork>, ImageWork> {
  private static final long serialVersionUID = 1L;

  /** SAM's {@code mask_threshold}. */
  static final float MASK_THRESHOLD = 0f;

  /** SAM's {@code stability_score_offset}. */
  static final double STABILITY_OFFSET = 1.0;

  private final PairsConfig config;
  private final HadoopModelFetcher fetcher;

  MaskStage(PairsConfig config, HadoopModelFetcher fetcher) {
    this.config = config;
    this.fetcher = fetcher;
  }

  @Override
  public Iterator<ImageWork> call(Iterator<ImageWork> works) {
    LoadedModel encoderModel =
        TaskResources.model(ModelRole.SAM_ENCODER, config.samEncoderUri(), fetcher);
    SamEncoder encoder = TaskResources.closeAtTaskEnd(new SamEncoder(encoderModel));
    SamDecoder decoder =
        TaskResources.closeAtTaskEnd(
            new SamDecoder(
                TaskResources.model(ModelRole.SAM_DECODER, config.samDecoderUri(), fetcher)));
    return Iterators.transform(
        works,
        w ->
            w.stopped() || w.boxes.isEmpty()
                ? release(w)
                : masks(encoderModel, encoder, decoder, w));
  }

  private ImageWork masks(
      LoadedModel encoderModel, SamEncoder encoder, SamDecoder decoder, ImageWork w) {
    List<SegmentCandidate> out = new ArrayList<>();
    try (NDManager manager = encoderModel.model().getNDManager().newSubManager()) {
      SamEmbedding embedding = encoder.encode(w.image.image(), manager);
      for (int from = 0; from < w.boxes.size(); from += config.promptBatch()) {
        List<BoxPrompt> batch =
            w.boxes.subList(from, Math.min(w.boxes.size(), from + config.promptBatch()));
        List<SamPrompt> prompts =
            batch.stream()
                .map(
                    b ->
                        SamPrompt.box(
                            b.boxXyxy()[0], b.boxXyxy()[1], b.boxXyxy()[2], b.boxXyxy()[3]))
                .toList();
        SamOutput sam = decoder.decode(embedding, prompts);
        for (int i = 0; i < batch.size(); i++) {
          SegmentCandidate c = candidate(w, batch.get(i), sam, i);
          if (c != null) {
            out.add(c);
          }
        }
      }
    }
    w.candidates = List.copyOf(out);
    w.count(PairsCount.MASKS, out.size());
    return release(w);
  }

  private SegmentCandidate candidate(ImageWork w, BoxPrompt box, SamOutput sam, int p) {
    PhraseRef phrase = w.phrases.get(box.phrase());
    int m = config.maskChoice().index(sam, p);
    float[] logits = sam.originalLogits(p, m);
    boolean[] bits = new boolean[logits.length];
    for (int i = 0; i < logits.length; i++) {
      bits[i] = logits[i] > MASK_THRESHOLD;
    }
    BinaryMask mask = BinaryMask.ofRowMajor(w.image.height(), w.image.width(), bits);
    if (mask.area() == 0) {
      w.error(
          "mask",
          phrase.item(),
          "EmptyMask",
          "SAM gave an empty mask for box "
              + java.util.Arrays.toString(box.boxXyxy())
              + " of '"
              + phrase.text()
              + "'");
      return null;
    }
    return new SegmentCandidate(
        box.phrase(),
        phrase.text(),
        phrase.span(),
        phrase.part(),
        phrase.parent(),
        box.rank(),
        CocoRle.encode(mask),
        box.score(),
        sam.iou(p, m),
        StabilityScore.of(logits, MASK_THRESHOLD, STABILITY_OFFSET));
  }

  /** Drops the decoded pixels: later stages need only masks. */
  private static ImageWork release(ImageWork w) {
    w.image = null;
    return w;
  }
}
