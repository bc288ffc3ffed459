/**
 * Table schemas as constants ({@link ai.use.common.table.Tables}), in Spark-free form: the jobs
 * turn them into Spark schemas, the docs and tests read them.
 */
package ai.use.common.table;
