package ai.use.common.table;

/** Logical column types of the project's tables (mapped to Spark/Parquet types by the jobs). */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  FLOAT,
  BOOLEAN,
  TIMESTAMP,
  STRING_ARRAY,
  DOUBLE_ARRAY,
  FLOAT_ARRAY,
  /** COCO compressed RLE: {@code struct<size: array<int> [h, w], counts: string>}. */
  RLE
}
