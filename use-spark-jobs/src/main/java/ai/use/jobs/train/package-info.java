/**
 * The {@code train} job: round-based, driver-coordinated data-parallel training of the USE head
 * (DESIGN.md §6). {@link ai.use.jobs.train.RoundDriver} is the driver loop, {@link
 * ai.use.jobs.train.RoundStep} one partition's pure round function, {@link
 * ai.use.jobs.train.OuterStep} the outer update, {@link ai.use.jobs.train.CheckpointStore} the
 * checkpoints on any Hadoop URI.
 */
package ai.use.jobs.train;
