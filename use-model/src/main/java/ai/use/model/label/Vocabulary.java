package ai.use.model.label;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes segments are labeled with, read from a text file: one class per line, the class name
 * first, then optional synonyms, separated by commas (ADE20K's {@code objectInfo150} style: {@code
 * building, edifice}). Blank lines and lines starting with {@code #} are skipped; class ids are
 * 1-based in the order of the remaining lines, so line {@code i} of a benchmark's class list maps
 * to label-map value {@code i}.
 *
 * @param classes the classes in id order
 */
public record Vocabulary(List<VocabularyClass> classes) {
  /** Largest class count a 16-bit label map can hold (0 is ignore). */
  public static final int MAX_CLASSES = 65_535;

  /** Validates: at least one class, ids 1..K in order, distinct names. */
  public Vocabulary {
    Preconditions.checkArgument(!classes.isEmpty(), "a vocabulary needs at least one class");
    Preconditions.checkArgument(
        classes.size() <= MAX_CLASSES,
        "a vocabulary holds at most %s classes (16-bit label maps), got %s",
        MAX_CLASSES,
        classes.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      VocabularyClass c = classes.get(i);
      Preconditions.checkArgument(
          c.id() == i + 1, "class %s has id %s, expected %s", c.name(), c.id(), i + 1);
      Integer before = seen.put(c.name(), c.id());
      Preconditions.checkArgument(
          before == null,
          "class name '%s' appears twice (ids %s and %s)",
          c.name(),
          before,
          c.id());
    }
    classes = List.copyOf(classes);
  }

  /**
   * Parses a vocabulary file's text; {@code source} names the file in error messages.
   *
   * @throws IllegalArgumentException naming the file and line of a bad entry
   */
  public static Vocabulary parse(String text, String source) {
    List<VocabularyClass> classes = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    Map<String, Integer> lineOf = new HashMap<>();
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (String part : line.split(",", -1)) {
        String name = part.strip();
        if (name.isEmpty()) {
          throw new IllegalArgumentException(
              source + " line " + (n + 1) + ": empty name in '" + line + "'; remove the comma");
        }
        names.add(name);
      }
      Integer first = lineOf.putIfAbsent(names.get(0), n + 1);
      if (first != null) {
        throw new IllegalArgumentException(
            source
                + " line "
                + (n + 1)
                + ": class '"
                + names.get(0)
                + "' is already defined on line "
                + first
                + "; merge the two lines (synonyms go after the name, comma-separated)");
      }
      classes.add(
          new VocabularyClass(classes.size() + 1, names.get(0), names.subList(1, names.size())));
    }
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(
          source + " holds no class: write one class per line, synonyms after commas");
    }
    return new Vocabulary(classes);
  }

  /** Number of classes K. */
  public int size() {
    return classes.size();
  }

  /** Class names in id order (element {@code i} has id {@code i + 1}). */
  public List<String> names() {
    return classes.stream().map(VocabularyClass::name).toList();
  }

  /** A canonical text of the vocabulary (for hashing): one class per line, names comma-joined. */
  public String canonical() {
    StringBuilder s = new StringBuilder();
    for (VocabularyClass c : classes) {
      s.append(String.join(", ", c.names())).append('\n');
    }
    return s.toString();
  }
}
