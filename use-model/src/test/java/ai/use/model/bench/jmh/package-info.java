/**
 * JMH micro-benchmarks of the label job's pure-Java hot paths on toy-world sizes: image
 * preprocessing for the SAM encoder (320×240 → 1024, padded) and CLIP (→ 224), the bilinear resize
 * at its core, and COCO RLE encode / decode / IoU / area. {@link
 * ai.use.model.bench.jmh.MicroBenchmarks} runs them through JMH's Runner API and prints a Markdown
 * table (bin/bench-micro); JMH's annotation processor generates the harness classes ({@code
 * jmh_generated}) at test-compile, which surefire and failsafe exclude.
 */
package ai.use.model.bench.jmh;
