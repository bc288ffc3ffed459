/**
 * GPUs on Spark executors: turning the task's assigned GPU ({@code TaskContext.resources()}) into a
 * DJL device. See {@code conf/spark-gpu.conf}.
 */
package ai.use.jobs.gpu;
