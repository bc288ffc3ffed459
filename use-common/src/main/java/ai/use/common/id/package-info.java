/** Stable, deterministic ids for images, pairs and segments. */
package ai.use.common.id;
