/**
 * The toy model zoo shipped in the jar ({@code toy://zoo/…}) and its evaluation on the toy world.
 */
package ai.use.model.zoo;
