/** The real command line end to end: spark-submit and {@code bin/use} in their own JVMs. */
package ai.use.jobs.submit;
