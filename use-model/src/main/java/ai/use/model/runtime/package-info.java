/** Loading DJL's PyTorch engine offline, once per JVM. */
package ai.use.model.runtime;
