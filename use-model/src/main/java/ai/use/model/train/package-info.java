/**
 * Training of the USE head without Spark: one deterministic local round of AdamW steps on a shard
 * of cached features ({@link ai.use.model.train.LocalRound}), the equivalent plain single-process
 * loop ({@link ai.use.model.train.PlainTrainer}) and held-out top-1 ({@link
 * ai.use.model.train.TopOneAccuracy}), and a speed benchmark ({@link
 * ai.use.model.train.HeadTrainingBenchmark}). The Spark {@code train} job drives rounds of these.
 * See {@code docs/head.md}.
 */
package ai.use.model.train;
