package ai.use.common.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's class names, one per line: line {@code i} (1-based) names class index {@code i −
 * 1}. A line may list synonyms separated by commas ({@code "building, edifice"}); the first is the
 * class's display name. Blank lines inside the list are refused (they would shift every later
 * class); trailing blank lines are ignored.
 *
 * @param names display names in class-index order
 */
public record ClassList(List<String> names) {
  public ClassList {
    names = List.copyOf(names);
  }

  /** Parses the text of a class-list file; {@code source} names it in errors. */
  public static ClassList parse(String text, String source) {
    String[] lines = text.replace("\r", "").split("\n", -1);
    int last = lines.length - 1;
    while (last >= 0 && lines[last].isBlank()) {
      last--;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        throw new IllegalArgumentException(
            "class list " + source + " has a blank line " + (i + 1) + "; one class per line");
      }
      names.add(line.split(",")[0].strip());
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("class list " + source + " is empty");
    }
    return new ClassList(names);
  }

  public int size() {
    return names.size();
  }

  public String name(int classIndex) {
    return names.get(classIndex);
  }
}
