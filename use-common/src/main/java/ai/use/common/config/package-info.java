/**
 * Configuration: every tunable is a Spark property {@code spark.use.<area>.<name>} declared as a
 * {@link ai.use.common.config.ConfigKey} in one {@code *Keys} class per area (defaults live in
 * code); {@link ai.use.common.config.ConfigKeys} lists them all and {@link
 * ai.use.common.config.DefaultsFile} renders {@code conf/use-defaults.conf} from them.
 */
package ai.use.common.config;
