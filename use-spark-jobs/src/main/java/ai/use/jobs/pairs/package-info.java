/**
 * The pairs job: segment–text pairs (object and part granularity) from images and annotations. This
 * slice implements {@code --source ground-truth}: COCO-style masks and their texts.
 */
package ai.use.jobs.pairs;
