/**
 * The toy world: a small, deterministic synthetic corpus of scenes of coloured shapes with parts,
 * with everything the USE method needs (modal instance masks at object and part granularity,
 * captions with phrase spans, referring expressions with boxes, ADE20K-style semantic label maps, a
 * held-out split), so every job can be tested for quality and toy models can be trained on it.
 *
 * <p>Entry point: {@link ai.use.common.toy.ToyWorldGenerator#generate}; the content and the file
 * layout are described in {@code docs/toy-world.md}.
 */
package ai.use.common.toy;
