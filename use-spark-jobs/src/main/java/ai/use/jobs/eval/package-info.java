/**
 * The {@code eval} job: open-vocabulary semantic (and part) segmentation metrics of predicted label
 * maps against benchmark ground truth, as per-partition confusion matrices merged by addition.
 */
package ai.use.jobs.eval;
