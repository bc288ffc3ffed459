/**
 * What every job shares at run time: the session and its {@code spark.use.*} properties, progress
 * logging, run summaries, the error-rate policy, small files through Hadoop's FileSystem.
 */
package ai.use.jobs.runtime;
