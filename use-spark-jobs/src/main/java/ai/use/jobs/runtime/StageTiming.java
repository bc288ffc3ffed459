package ai.use.jobs.runtime;

/**
 * Wall time and size of one completed Spark stage.
 *
 * @param stageId Spark stage id
 * @param name stage name (call site)
 * @param tasks number of tasks
 * @param seconds wall time from submission to completion
 * @param recordsRead input records read by its tasks
 */
public record StageTiming(int stageId, String name, int tasks, double seconds, long recordsRead) {}
