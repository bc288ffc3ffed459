package ai.use.jobs.pairs;

import ai.use.common.id.StableIds;
import ai.use.common.image.DecodedImage;
import ai.use.jobs.captions.Caption;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.model.pairs.SegmentCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * One image as it moves through the model pipeline's stages inside one task (never serialized: the
 * stages are narrow {@code mapPartitions} steps pipelined in the same task). Each stage fills its
 * part and records per-item problems as errors; a stage that cannot go on for the whole image marks
 * it {@link #stopped()}, and later stages pass it through untouched.
 */
final class ImageWork {
  final String uri;
  final String imageId;
  List<Caption> captions;
  final long[] counts = new long[PairsCount.values().length];
  final List<ErrorRecord> errors = new ArrayList<>();
  byte[] content;
  DecodedImage image;
  List<PhraseRef> phrases = List.of();
  List<BoxPrompt> boxes = List.of();
  List<SegmentCandidate> candidates = List.of();
  private boolean stopped;

  ImageWork(String uri, byte[] content, List<Caption> captions) {
    this.uri = uri;
    this.imageId = StableIds.imageId(uri);
    this.content = content;
    count(PairsCount.IMAGES_READ, 1);
    setCaptions(captions);
  }

  /** Sets the image's captions (the VLM stage captions images that came without). */
  void setCaptions(List<Caption> captions) {
    this.captions = captions;
    count(PairsCount.CAPTIONS, captions.size());
  }

  void count(PairsCount c, long n) {
    counts[c.ordinal()] += n;
  }

  /** Records a problem of one item; the image goes on. */
  void error(String stage, String item, String kind, String message) {
    errors.add(new ErrorRecord(imageId, uri, stage, item, kind, message));
  }

  /** Records a problem that ends this image's way through the pipeline. */
  void stop(String stage, String kind, String message) {
    error(stage, "image", kind, message);
    stopped = true;
    image = null;
    content = null;
  }

  boolean stopped() {
    return stopped;
  }
}
