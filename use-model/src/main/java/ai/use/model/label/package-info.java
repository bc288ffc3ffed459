/**
 * Labeling logic of the {@code label} job, free of Spark: the vocabulary (class names with
 * synonyms) and CLIP-style prompt-template ensembling into class embeddings, scoring segment
 * embeddings against them (top-k), painting per-image semantic label maps and writing them as 8- or
 * 16-bit label PNGs, and the content hashes that version a labeling run ({@code model_version},
 * {@code vocab_id}).
 */
package ai.use.model.label;
