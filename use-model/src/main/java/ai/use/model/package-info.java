/**
 * Models: contracts and DJL/TorchScript adapters, mask generation, the USE head. Never imports
 * Spark (a test enforces it).
 */
package ai.use.model;
