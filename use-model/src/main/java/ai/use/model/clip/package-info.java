/**
 * CLIP adapters: the {@code clip-text} role (HF tokenizer → ids {@code [B, L]} → embeddings {@code
 * [B, D]}) and the {@code clip-image} role.
 */
package ai.use.model.clip;
