package ai.use.common.table;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * The README's table reference, generated from the schema constants so it cannot drift: one
 * Markdown table (column, type, nullable, meaning) per schema, between two marker comments.
 */
public final class TableDocs {
  /** Marker before the generated section. */
  public static final String BEGIN =
      "<!-- tables:begin (generated from ai.use.common.table.Tables) -->";

  /** Marker after the generated section. */
  public static final String END = "<!-- tables:end -->";

  private TableDocs() {}

  /** The generated section, markers included. */
  public static String section(List<TableSchema> schemas) {
    StringBuilder s = new StringBuilder(BEGIN).append('\n');
    for (TableSchema t : schemas) {
      s.append('\n')
          .append("**")
          .append(t.name())
          .append("** (schema v")
          .append(t.version())
          .append(")\n\n")
          .append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        s.append("| `")
            .append(c.name())
            .append("` | ")
            .append(typeName(c.type()))
            .append(" | ")
            .append(c.nullable() ? "yes" : "no")
            .append(" | ")
            .append(c.doc().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return s.append('\n').append(END).toString();
  }

  /** {@code text} with its generated section replaced by {@code section}. */
  public static String replaceSection(String text, String section) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    Preconditions.checkArgument(
        begin >= 0 && end > begin, "the text has no %s ... %s section", BEGIN, END);
    return text.substring(0, begin) + section + text.substring(end + END.length());
  }

  /** The Spark/Parquet-facing name of a logical type. */
  static String typeName(ColumnType type) {
    return switch (type) {
      case STRING -> "string";
      case INT -> "int";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case FLOAT -> "float";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
      case STRING_ARRAY -> "array&lt;string&gt;";
      case DOUBLE_ARRAY -> "array&lt;double&gt;";
      case FLOAT_ARRAY -> "array&lt;float&gt;";
      case RLE -> "struct&lt;size: array&lt;int&gt;, counts: string&gt; (COCO RLE)";
    };
  }
}
