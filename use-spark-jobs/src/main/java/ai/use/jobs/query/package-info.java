/**
 * The {@code query} job: free text (or an example segment) → segments or images of the {@code
 * segments} table ranked by cosine similarity of USE embeddings {@code [D]} with CLIP text
 * embeddings {@code [D]}, with a Spark-native top-k (bounded heaps per partition, merged by {@code
 * treeReduce}), a Parquet table, an HTML page with mask overlays and an embedding export.
 */
package ai.use.jobs.query;
