package ai.use.model.text;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.chunker.ChunkerME;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * Extracts referring phrases from an English caption: OpenNLP tokens, Penn tags and noun-phrase
 * chunks, expanded by {@link ReferringRules} into object and part phrases with exact source spans
 * (see {@code docs/phrases.md}).
 *
 * <p><b>Not thread-safe</b> (the OpenNLP {@code *ME} classes keep per-call state): create one per
 * task or thread, e.g. one per Spark partition. Creating one is cheap after the first: the 1.5
 * English models are loaded from the classpath once per JVM and shared. Nothing is downloaded.
 */
public final class PhraseExtractor {
  private final TokenizerME tokenizer;
  private final POSTaggerME tagger;
  private final ChunkerME chunker;

  private PhraseExtractor(EnglishModels models) {
    this.tokenizer = new TokenizerME(models.tokenizer);
    // PENN: the 2.5 default (UD) tags break the 1.5 chunker.
    this.tagger = new POSTaggerME(models.posTagger, POSTagFormat.PENN);
    this.chunker = new ChunkerME(models.chunker);
  }

  /** A new extractor on the bundled 1.5 English models (loaded once per JVM). */
  public static PhraseExtractor create() {
    return new PhraseExtractor(EnglishModels.get());
  }

  /**
   * The referring phrases of {@code caption} in text order (by start, then end); empty for a blank
   * caption or one that names nothing. A part's {@code parent} indexes this list.
   */
  public List<Phrase> extract(String caption) {
    if (caption == null || caption.isBlank()) {
      return List.of();
    }
    return ReferringRules.apply(caption, tokens(caption));
  }

  List<Token> tokens(String caption) {
    Span[] spans = tokenizer.tokenizePos(caption);
    String[] words = Span.spansToStrings(spans, caption);
    String[] tags = tagger.tag(words);
    String[] chunks = chunker.chunk(words, tags);
    List<Token> tokens = new ArrayList<>(words.length);
    for (int i = 0; i < words.length; i++) {
      tokens.add(new Token(words[i], tags[i], chunks[i], spans[i].getStart(), spans[i].getEnd()));
    }
    return tokens;
  }
}
