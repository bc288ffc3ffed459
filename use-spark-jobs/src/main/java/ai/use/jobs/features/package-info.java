/**
 * The {@code features} job: frozen CLIP and DINOv2 run once per image; per pair the pooled,
 * normalized block features and normalized CLS tokens (the cached input of the USE head, DESIGN.md
 * §5), and the frozen CLIP text embedding of every distinct text.
 */
package ai.use.jobs.features;
