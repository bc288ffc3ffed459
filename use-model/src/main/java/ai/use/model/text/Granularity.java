package ai.use.model.text;

/** What a referring phrase names: a whole object, or a part of an object named elsewhere. */
public enum Granularity {
  /** A whole object ({@code "a large red circle"}, {@code "a group of people"}). */
  OBJECT,
  /** A part of an object phrase of the same caption ({@code "a blue top"}, {@code "the wheel"}). */
  PART
}
