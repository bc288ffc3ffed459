/**
 * Exports the project's Parquet tables as JSON lines for readers without a Parquet library (the
 * notebooks' Python kernel: Debian ships no pyarrow).
 */
package ai.use.jobs.export;
