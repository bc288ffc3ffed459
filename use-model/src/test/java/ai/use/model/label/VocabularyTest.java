package ai.use.model.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void parsesNamesSynonymsCommentsAndNumbersClassesFromOne() {
    Vocabulary v =
        Vocabulary.parse("# toy\ncircle, disc\n\nsquare\n triangle , wedge, tri \n", "v.txt");
    assertThat(v.names()).containsExactly("circle", "square", "triangle");
    assertThat(v.classes().get(0).id()).isEqualTo(1);
    assertThat(v.classes().get(2).id()).isEqualTo(3);
    assertThat(v.classes().get(2).names()).containsExactly("triangle", "wedge", "tri");
    assertThat(v.canonical()).isEqualTo("circle, disc\nsquare\ntriangle, wedge, tri\n");
  }

  @Test
  void badFilesNameTheFileAndLine() {
    assertThatThrownBy(() -> Vocabulary.parse("a\nb,,c\n", "v.txt"))
        .hasMessageContaining("v.txt line 2")
        .hasMessageContaining("empty name");
    assertThatThrownBy(() -> Vocabulary.parse("a\nb\na, x\n", "v.txt"))
        .hasMessageContaining("v.txt line 3")
        .hasMessageContaining("already defined on line 1");
    assertThatThrownBy(() -> Vocabulary.parse("# only a comment\n", "v.txt"))
        .hasMessageContaining("v.txt holds no class");
  }

  @Test
  void templatesNeedExactlyOnePlaceholder() {
    PromptTemplates t = PromptTemplates.parse("a {}.\n# x\nthe {}\n", "t.txt");
    assertThat(t.apply("red circle")).containsExactly("a red circle.", "the red circle");
    assertThatThrownBy(() -> PromptTemplates.parse("a photo\n", "t.txt"))
        .hasMessageContaining("t.txt")
        .hasMessageContaining("exactly once");
    assertThatThrownBy(() -> new PromptTemplates(List.of("{} and {}")))
        .hasMessageContaining("exactly once");
  }
}
