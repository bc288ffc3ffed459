package ai.use.common.table;

/**
 * One column of a table: name, type, whether it may be null, and what it means.
 *
 * @param name column name (snake_case, as stored in Parquet)
 * @param type logical type
 * @param nullable whether rows may leave it null
 * @param doc meaning, units and coordinate conventions
 */
public record Column(String name, ColumnType type, boolean nullable, String doc) {
  public static Column required(String name, ColumnType type, String doc) {
    return new Column(name, type, false, doc);
  }

  public static Column optional(String name, ColumnType type, String doc) {
    return new Column(name, type, true, doc);
  }
}
