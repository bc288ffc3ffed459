/**
 * The {@code label} job: nightly, incremental and idempotent labeling of an image corpus (SAM
 * automatic masks → frozen backbones → segment embedder → {@code segments}, {@code label_manifest},
 * {@code segment_labels}, optional semantic label maps), and {@code --relabel}, which scores stored
 * embeddings against a new vocabulary without any image model. See {@code docs/label.md}.
 */
package ai.use.jobs.label;
