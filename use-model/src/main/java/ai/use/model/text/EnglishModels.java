package ai.use.model.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.chunker.ChunkerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The classic OpenNLP 1.5 English models, read once per JVM from the classpath (the {@code
 * edu.washington.cs.knowitall:opennlp-*-models:1.5} jars). The models are immutable and shared; the
 * {@code *ME} classes built on them are not thread-safe and belong to one {@link PhraseExtractor}.
 * Nothing is downloaded.
 */
final class EnglishModels {
  static final String TOKENIZER_RESOURCE = "en-token.bin";
  static final String POS_TAGGER_RESOURCE = "en-pos-maxent.bin";
  static final String CHUNKER_RESOURCE = "en-chunker.bin";

  private static volatile EnglishModels instance;

  final TokenizerModel tokenizer;
  final POSModel posTagger;
  final ChunkerModel chunker;

  private EnglishModels() {
    this.tokenizer = read(TOKENIZER_RESOURCE, TokenizerModel::new);
    this.posTagger = read(POS_TAGGER_RESOURCE, POSModel::new);
    this.chunker = read(CHUNKER_RESOURCE, ChunkerModel::new);
  }

  static EnglishModels get() {
    EnglishModels m = instance;
    if (m == null) {
      synchronized (EnglishModels.class) {
        m = instance;
        if (m == null) {
          m = new EnglishModels();
          instance = m;
        }
      }
    }
    return m;
  }

  private interface ModelReader<T> {
    T read(InputStream in) throws IOException;
  }

  private static <T> T read(String resource, ModelReader<T> reader) {
    try (InputStream in = EnglishModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenNLP model '"
                + resource
                + "' is not on the classpath: add edu.washington.cs.knowitall:opennlp-"
                + "{tokenize,postag,chunk}-models:1.5 to the application");
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenNLP model '" + resource + "'", e);
    }
  }
}
