/** Spark-side table handling: schemas from the constants, error rows, Parquet writes. */
package ai.use.jobs.tables;
