package ai.use.jobs.pairs;

import ai.use.common.geometry.BoxNms;
import ai.use.common.geometry.BoxXyxy;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.model.grounding.Grounder;
import ai.use.model.grounding.ScoredBox;
import ai.use.model.spec.ModelRole;
import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stage 3: phrases → boxes. Each distinct {@link #query} of an image is one grounder query (passes
 * of {@code spark.use.pairs.phraseBatch} queries); of its boxes, those scoring at least {@code
 * boxThreshold} go through class-agnostic box NMS ({@code boxNmsIou}) and the best {@code
 * boxesPerPhrase} are kept. A phrase with no box left is an errors row ({@code
 * NoBoxAboveThreshold}); the image goes on with its other phrases. Region descriptions keep their
 * given box and skip the grounder.
 */
final class GroundingStage implements FlatMapFunction<Iterator<ImageWork>, ImageWork> {
  private static final long serialVersionUID = 1L;

  /** The errors-table stage of this step. */
  static final String STAGE = "ground";

  private final PairsConfig config;
  private final HadoopModelFetcher fetcher;

  GroundingStage(PairsConfig config, HadoopModelFetcher fetcher) {
    this.config = config;
    this.fetcher = fetcher;
  }

  @Override
  public Iterator<ImageWork> call(Iterator<ImageWork> works) {
    Grounder grounder =
        TaskResources.closeAtTaskEnd(
            new Grounder(TaskResources.model(ModelRole.GROUNDER, config.grounderUri(), fetcher)));
    return Iterators.transform(works, w -> w.stopped() ? w : ground(grounder, w));
  }

  private ImageWork ground(Grounder grounder, ImageWork w) {
    List<String> texts = new ArrayList<>();
    for (PhraseRef p : w.phrases) {
      String query = query(w.phrases, p);
      if (p.givenBoxXyxy() == null && !texts.contains(query)) {
        texts.add(query);
      }
    }
    Map<String, List<ScoredBox>> byText = new HashMap<>();
    for (int from = 0; from < texts.size(); from += config.phraseBatch()) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + config.phraseBatch()));
      List<List<ScoredBox>> boxes = grounder.ground(w.image.image(), batch);
      for (int i = 0; i < batch.size(); i++) {
        byText.put(batch.get(i), boxes.get(i));
      }
    }
    List<BoxPrompt> prompts = new ArrayList<>();
    for (int i = 0; i < w.phrases.size(); i++) {
      PhraseRef p = w.phrases.get(i);
      if (p.givenBoxXyxy() != null) {
        prompts.add(new BoxPrompt(i, 0, p.givenBoxXyxy(), null));
        w.count(PairsCount.PHRASES_WITH_BOX, 1);
        continue;
      }
      List<ScoredBox> found = byText.get(query(w.phrases, p));
      List<ScoredBox> kept = select(found, p.part());
      if (kept.isEmpty()) {
        w.error(STAGE, p.item(), "NoBoxAboveThreshold", noBox(w, p, found));
        continue;
      }
      w.count(PairsCount.PHRASES_WITH_BOX, 1);
      for (int k = 0; k < kept.size(); k++) {
        ScoredBox b = kept.get(k);
        prompts.add(new BoxPrompt(i, k, new double[] {b.x0(), b.y0(), b.x1(), b.y1()}, b.score()));
      }
    }
    w.boxes = List.copyOf(prompts);
    w.count(PairsCount.BOXES, prompts.size());
    return w;
  }

  /**
   * The grounder query of a phrase: a part phrase is grounded as the referring expression "{@code
   * <part> of <parent object>}" ("a blue top of a large red circle"), since a part alone ("a blue
   * top") may name parts of several objects; an object phrase is its own query.
   */
  static String query(List<PhraseRef> phrases, PhraseRef p) {
    return p.part() && p.parent() >= 0
        ? p.text() + " of " + phrases.get(p.parent()).text()
        : p.text();
  }

  /**
   * Boxes at or above the threshold ({@code partBoxThreshold} for a part), box NMS, the best {@code
   * boxesPerPhrase}.
   */
  List<ScoredBox> select(List<ScoredBox> boxes, boolean part) {
    double threshold = part ? config.partBoxThreshold() : config.boxThreshold();
    List<ScoredBox> above =
        boxes.stream()
            .filter(b -> b.score() >= threshold && b.x1() > b.x0() && b.y1() > b.y0())
            .toList();
    if (above.isEmpty()) {
      return List.of();
    }
    int[] kept =
        BoxNms.nms(
            above.stream().map(b -> new BoxXyxy(b.x0(), b.y0(), b.x1(), b.y1())).toList(),
            above.stream().mapToDouble(ScoredBox::score).toArray(),
            config.boxNmsIou());
    List<ScoredBox> out = new ArrayList<>();
    for (int i = 0; i < kept.length && i < config.boxesPerPhrase(); i++) {
      out.add(above.get(kept[i]));
    }
    return out;
  }

  private String noBox(ImageWork w, PhraseRef p, List<ScoredBox> boxes) {
    double best = boxes.stream().mapToDouble(ScoredBox::score).max().orElse(0);
    return String.format(
        "no box of '%s' (query '%s') scored at least spark.use.pairs.%s = %s (best %.3f);"
            + " the phrase has no pair",
        p.text(),
        query(w.phrases, p),
        p.part() ? "partBoxThreshold" : "boxThreshold",
        p.part() ? config.partBoxThreshold() : config.boxThreshold(),
        best);
  }
}
