package ai.use.model.pairs;

import ai.use.common.mask.Rle;

/**
 * A pair as the scorer sees it.
 *
 * @param fileName the image's file name (the last segment of its URI)
 * @param part whether the pair is part-level
 * @param mask its mask
 * @param primary the span of its main text
 */
public record ScoredPair(String fileName, boolean part, Rle mask, TextSpan primary) {}
