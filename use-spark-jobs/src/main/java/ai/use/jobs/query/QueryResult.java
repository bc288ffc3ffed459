package ai.use.jobs.query;

import ai.use.jobs.runtime.RunSummary;
import java.util.List;

/**
 * The outcome of a query run.
 *
 * @param queries the queries, in order
 * @param hits per query (same order), best first, at most {@code top} each
 * @param skippedRows segment rows that could not be scored (no, zero or wrong-width embedding)
 * @param seconds wall time
 * @param summary the run summary
 */
public record QueryResult(
    List<Query> queries,
    List<List<Hit>> hits,
    long skippedRows,
    double seconds,
    RunSummary summary) {
  public QueryResult {
    queries = List.copyOf(queries);
    hits = List.copyOf(hits);
  }
}
