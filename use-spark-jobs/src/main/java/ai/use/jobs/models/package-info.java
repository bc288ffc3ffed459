/** Models on executors: fetching model files from Hadoop URIs once per JVM. */
package ai.use.jobs.models;
