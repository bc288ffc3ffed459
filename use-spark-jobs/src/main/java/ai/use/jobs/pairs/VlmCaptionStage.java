package ai.use.jobs.pairs;

import ai.use.jobs.captions.Caption;
import ai.use.jobs.captions.vlm.CaptionResult;
import ai.use.jobs.captions.vlm.ImageBytes;
import ai.use.jobs.captions.vlm.VlmCaptioner;
import ai.use.jobs.captions.vlm.VlmSettings;
import ai.use.jobs.tables.ErrorRecord;
import com.google.common.collect.Iterators;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stage 0 of {@code --source vlm}: captions each image with a vision-language model ({@link
 * VlmCaptioner}, docs/vlm-captions.md), in batches of {@code spark.use.vlm.maxConcurrency} images
 * whose requests run in parallel. A failed image (timeout, HTTP error after retries, malformed or
 * empty answer) becomes its errors row (stage {@code caption}) and goes no further. The caption's
 * id is a stable hash of (image URI, caption).
 */
final class VlmCaptionStage implements FlatMapFunction<Iterator<ImageWork>, ImageWork> {
  private static final long serialVersionUID = 1L;

  private final VlmSettings settings;

  VlmCaptionStage(VlmSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<ImageWork> call(Iterator<ImageWork> works) {
    VlmCaptioner captioner = VlmCaptioner.create(settings);
    return Iterators.concat(
        Iterators.transform(
            Iterators.partition(works, settings.maxConcurrency()),
            batch -> caption(captioner, batch).iterator()));
  }

  private static List<ImageWork> caption(VlmCaptioner captioner, List<ImageWork> batch) {
    List<CaptionResult> results =
        captioner.caption(
            batch.stream().map(w -> new ImageBytes(w.imageId, w.uri, w.content)).toList());
    for (int i = 0; i < batch.size(); i++) {
      ImageWork w = batch.get(i);
      CaptionResult r = results.get(i);
      if (r.isOk()) {
        w.setCaptions(
            List.of(new Caption(PairStage.captionId(w.uri, r.caption()), r.caption(), null)));
      } else {
        ErrorRecord e = r.toErrorRecord();
        w.stop(e.stage(), e.errorClass(), e.message());
      }
    }
    return batch;
  }
}
