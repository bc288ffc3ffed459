/**
 * What a model is: its {@link ai.use.model.spec.ModelRole role}, the {@link
 * ai.use.model.spec.ModelSpec spec} (role + URI) that crosses the wire, the JSON {@link
 * ai.use.model.spec.Sidecar sidecar} beside the file, and the {@link
 * ai.use.model.spec.ModelLoadException error} for a file that does not fit its role.
 */
package ai.use.model.spec;
