package ai.use.model.label;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * One class of a {@link Vocabulary}.
 *
 * @param id class id, 1-based in file order: the value the class gets in semantic label maps (0 is
 *     ignore)
 * @param name the class name (first entry of its line)
 * @param synonyms other names of the same class (may be empty)
 */
public record VocabularyClass(int id, String name, List<String> synonyms) {
  /** Validates and copies. */
  public VocabularyClass {
    Preconditions.checkArgument(id >= 1, "class id must be >= 1, got %s", id);
    Preconditions.checkArgument(name != null && !name.isBlank(), "class %s has no name", id);
    synonyms = List.copyOf(synonyms);
  }

  /** The name followed by its synonyms: every text the class is prompted with. */
  public List<String> names() {
    List<String> all = new java.util.ArrayList<>(1 + synonyms.size());
    all.add(name);
    all.addAll(synonyms);
    return all;
  }
}
