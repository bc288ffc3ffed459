package ai.use.common.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README documents every table exactly as {@link Tables} defines it. To regenerate after a
 * schema change: {@code mvn -pl use-common test -Dtest=ReadmeTablesTest -Duse.writeDocs=true}.
 */
class ReadmeTablesTest {
  private static final Path README =
      Path.of(System.getProperty("use.repo.root", "..")).resolve("README.md");

  @Test
  void readmeTableSectionIsGeneratedFromTheSchemas() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String expected = TableDocs.section(Tables.all());
    if (Boolean.getBoolean("use.writeDocs")) {
      readme = TableDocs.replaceSection(readme, expected);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
    }
    assertThat(readme)
        .as(
            "README.md's table section is stale: regenerate with `mvn -pl use-common test"
                + " -Dtest=ReadmeTablesTest -Duse.writeDocs=true`")
        .contains(expected);
  }

  @Test
  void everyColumnOfEveryTableHasItsOwnDocumentedRow() {
    String section = TableDocs.section(Tables.all());
    for (TableSchema t : Tables.all()) {
      assertThat(section).contains("**" + t.name() + "** (schema v" + t.version() + ")");
      for (Column c : t.columns()) {
        assertThat(c.doc()).as("%s.%s doc", t.name(), c.name()).isNotBlank();
        assertThat(section).contains("| `" + c.name() + "` | " + TableDocs.typeName(c.type()));
      }
    }
  }

  @Test
  void replacingNeedsBothMarkers() {
    assertThatThrownBy(() -> TableDocs.replaceSection("no markers", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tables:begin");
    String text = "a\n" + TableDocs.BEGIN + "\nold\n" + TableDocs.END + "\nb";
    assertThat(TableDocs.replaceSection(text, "NEW")).isEqualTo("a\nNEW\nb");
  }

  @Test
  void tableNamesAreDistinct() {
    List<String> names = Tables.all().stream().map(TableSchema::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }
}
