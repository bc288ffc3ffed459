/** Benchmarks of the model runtime (printed figures, ratios against a same-run baseline). */
package ai.use.model.bench;
