package ai.use.jobs.tables;

import ai.use.common.table.Column;
import ai.use.common.table.ColumnType;
import ai.use.common.table.TableSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Turns the Spark-free {@link TableSchema} constants into Spark schemas (with column docs). */
public final class SparkSchemas {
  /** COCO compressed RLE: {@code struct<size: array<int> [h, w], counts: string>}. */
  public static final StructType RLE =
      new StructType()
          .add("size", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("counts", DataTypes.StringType, false);

  private SparkSchemas() {}

  public static StructType of(TableSchema schema) {
    StructField[] fields = new StructField[schema.columns().size()];
    for (int i = 0; i < fields.length; i++) {
      Column c = schema.columns().get(i);
      Metadata doc = new MetadataBuilder().putString("comment", c.doc()).build();
      fields[i] = new StructField(c.name(), type(c.type()), c.nullable(), doc);
    }
    return new StructType(fields);
  }

  static DataType type(ColumnType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case FLOAT -> DataTypes.FloatType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case STRING_ARRAY -> DataTypes.createArrayType(DataTypes.StringType, false);
      case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
      case FLOAT_ARRAY -> DataTypes.createArrayType(DataTypes.FloatType, false);
      case RLE -> RLE;
    };
  }
}
