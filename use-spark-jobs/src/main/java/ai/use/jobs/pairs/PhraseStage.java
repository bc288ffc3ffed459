package ai.use.jobs.pairs;

import ai.use.jobs.captions.Caption;
import ai.use.model.pairs.TextSpan;
import ai.use.model.text.Granularity;
import ai.use.model.text.Phrase;
import ai.use.model.text.PhraseExtractor;
import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stage 2: captions → referring phrases with their spans ({@link PhraseExtractor}, one per task: it
 * is not thread-safe). A region description (Visual Genome) is one object phrase, its whole trimmed
 * text, with its given box. An image none of whose captions yields a phrase becomes an errors row
 * ({@code NoPhrases}).
 */
final class PhraseStage implements FlatMapFunction<Iterator<ImageWork>, ImageWork> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<ImageWork> call(Iterator<ImageWork> works) {
    PhraseExtractor extractor = PhraseExtractor.create();
    return Iterators.transform(works, w -> w.stopped() ? w : phrases(extractor, w));
  }

  static ImageWork phrases(PhraseExtractor extractor, ImageWork w) {
    List<PhraseRef> out = new ArrayList<>();
    for (Caption c : w.captions) {
      if (c.isRegion()) {
        PhraseRef region = region(c, w.image.width(), w.image.height());
        if (region != null) {
          out.add(region);
        } else {
          w.error(
              "phrases",
              "caption:" + c.id(),
              "BadRegion",
              "region "
                  + c.id()
                  + " has an empty phrase or a box outside the "
                  + w.image.width()
                  + "x"
                  + w.image.height()
                  + " image");
        }
        continue;
      }
      int base = out.size();
      for (Phrase p : extractor.extract(c.text())) {
        boolean part = p.granularity() == Granularity.PART;
        out.add(
            new PhraseRef(
                p.text(),
                new TextSpan(c.id(), p.start(), p.end(), p.text()),
                part,
                part && p.parent() >= 0 ? base + p.parent() : -1,
                null));
      }
    }
    if (out.isEmpty()) {
      w.stop(
          "phrases",
          "NoPhrases",
          "none of the image's "
              + w.captions.size()
              + " captions names anything (no noun phrase), e.g. '"
              + (w.captions.isEmpty() ? "" : abbreviate(w.captions.get(0).text()))
              + "'");
      return w;
    }
    w.phrases = List.copyOf(out);
    w.count(PairsCount.PHRASES, out.size());
    long parts = out.stream().filter(PhraseRef::part).count();
    w.count(PairsCount.PART_PHRASES, parts);
    w.count(PairsCount.OBJECT_PHRASES, out.size() - parts);
    return w;
  }

  /** The phrase of a region description, or null when its text is blank or its box empty. */
  static PhraseRef region(Caption c, int width, int height) {
    String text = c.text();
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    double[] b = c.regionXywh();
    double x0 = Math.max(0, b[0]);
    double y0 = Math.max(0, b[1]);
    double x1 = Math.min(width, b[0] + b[2]);
    double y1 = Math.min(height, b[1] + b[3]);
    if (start == end || x1 <= x0 || y1 <= y0) {
      return null;
    }
    String phrase = text.substring(start, end);
    return new PhraseRef(
        phrase, new TextSpan(c.id(), start, end, phrase), false, -1, new double[] {x0, y0, x1, y1});
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
