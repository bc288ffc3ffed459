/** The phrase grounder ({@code grounder} role): phrases → scored boxes in original pixels. */
package ai.use.model.grounding;
