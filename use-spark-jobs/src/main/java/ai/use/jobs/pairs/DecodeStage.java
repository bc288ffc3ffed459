package ai.use.jobs.pairs;

import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecodeException;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import com.google.common.collect.Iterators;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;

/** Stage 1: decodes each image (limits, EXIF policy); a corrupt image becomes an errors row. */
final class DecodeStage implements FlatMapFunction<Iterator<ImageWork>, ImageWork> {
  private static final long serialVersionUID = 1L;

  private final ImageLimits limits;
  private final ExifPolicy exif;

  DecodeStage(ImageLimits limits, ExifPolicy exif) {
    this.limits = limits;
    this.exif = exif;
  }

  @Override
  public Iterator<ImageWork> call(Iterator<ImageWork> works) {
    ImageDecoder decoder = new ImageDecoder(limits);
    return Iterators.transform(works, w -> decode(decoder, w));
  }

  private ImageWork decode(ImageDecoder decoder, ImageWork w) {
    try {
      w.image = decoder.decode(w.content, w.uri, exif);
      w.count(PairsCount.IMAGES_DECODED, 1);
      w.content = null;
    } catch (ImageDecodeException e) {
      w.stop(
          "decode",
          e.reason().name(),
          e.getMessage() + " (its " + w.captions.size() + " captions were not used)");
    }
    return w;
  }
}
