/**
 * Jobs submitted with spark-submit to a standalone cluster of separate JVMs on 127.0.0.1 (a master,
 * two workers, their executors), built from the project's own jars.
 */
package ai.use.jobs.cluster;
