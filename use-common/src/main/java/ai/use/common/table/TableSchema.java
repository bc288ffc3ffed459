package ai.use.common.table;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * A table's documented schema and its version. Every table carries a {@code schema_version} column
 * equal to {@link #version()}; a reader that sees another version fails clearly.
 *
 * @param name table name (also its directory name under a job's output)
 * @param version schema version, bumped on any incompatible change
 * @param columns the columns in storage order
 */
public record TableSchema(String name, int version, List<Column> columns) {
  /** Name of the version column every table starts with. */
  public static final String VERSION_COLUMN = "schema_version";

  public TableSchema {
    columns = List.copyOf(columns);
    Preconditions.checkArgument(
        !columns.isEmpty() && columns.get(0).name().equals(VERSION_COLUMN),
        "table %s must start with %s",
        name,
        VERSION_COLUMN);
  }

  /** Index of a column; fails naming the table when it does not exist. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("table " + name + " has no column " + column);
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
