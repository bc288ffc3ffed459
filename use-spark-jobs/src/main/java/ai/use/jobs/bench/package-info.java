/** Benchmarks of the Spark jobs (main classes printing figures with a baseline ratio). */
package ai.use.jobs.bench;
