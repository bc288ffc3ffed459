package ai.use.jobs.pairs;

import ai.use.common.table.TableSchema;
import ai.use.common.table.Tables;

/**
 * The {@code pair_spans} table the model pipeline writes beside {@code pairs}: where each text of a
 * pair (its main text and every alt text) comes from in its caption. Key: (pair_id, caption_id,
 * span_start, span_end). It exists because {@code pairs} has no span column yet; docs/pairs.md.
 */
public final class PairSpans {
  private PairSpans() {}

  public static final TableSchema SCHEMA = Tables.PAIR_SPANS;
}
