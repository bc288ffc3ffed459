package ai.use.jobs.query;

import java.io.Serializable;
import java.util.List;

/**
 * Which segments a query ranks.
 *
 * @param segments the segments table (partitioned by run_date)
 * @param manifest the label_manifest table for the current view, or null for every row as written
 * @param runDates keep only these run_date partitions (empty = all); given dates select rows as
 *     written, without the current-view step
 * @param modelVersion keep only this model_version, or null
 * @param labels the segment_labels table, needed with {@code label}
 * @param label keep only segments whose best label is this class name, or null
 * @param vocabId the vocabulary of {@code label}; null = the only one in the table
 */
public record SegmentSelection(
    String segments,
    String manifest,
    List<String> runDates,
    String modelVersion,
    String labels,
    String label,
    String vocabId)
    implements Serializable {
  public SegmentSelection {
    runDates = List.copyOf(runDates);
  }

  /** Every segment of the current view of {@code segments} with its manifest beside it. */
  public static SegmentSelection currentView(String segments) {
    return new SegmentSelection(
        segments, sibling(segments, "label_manifest"), List.of(), null, null, null, null);
  }

  /** The table folder {@code name} beside the table folder {@code table}. */
  public static String sibling(String table, String name) {
    String t = table.endsWith("/") ? table.substring(0, table.length() - 1) : table;
    int slash = t.lastIndexOf('/');
    return (slash < 0 ? "" : t.substring(0, slash + 1)) + name;
  }
}
