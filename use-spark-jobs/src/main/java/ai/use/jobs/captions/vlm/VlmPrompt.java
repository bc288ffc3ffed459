package ai.use.jobs.captions.vlm;

import java.util.Locale;

/**
 * The documented prompts of the {@code vlm} caption source ({@code docs/vlm-captions.md} quotes
 * them). Both ask for plain prose in the noun-phrase style the phrase extractor reads best: one
 * phrase per object or part, parts attached with {@code "with"} or {@code "the X of the Y"}.
 * Changing a text changes the cache key, so old answers are not reused for a new prompt.
 */
public enum VlmPrompt {
  /** Objects, their attributes and all their visible parts (the default). */
  DETAILED(
      "Describe every distinct object you can see in this image in plain English sentences."
          + " For each object give its colour, material, size and position, and name all of its"
          + " visible parts with their own colours and shapes, attaching each part to its object"
          + " with \"with\" or \"the ... of the ...\", for example \"a red car with a black tyre"
          + " and a cracked windshield\" or \"the handle of the white mug\". Use one noun phrase"
          + " per object or part. Mention only what is visible."),
  /** Objects and their attributes, no parts. */
  OBJECTS(
      "Describe every distinct object you can see in this image in plain English sentences."
          + " For each object give its colour, material, size and position, for example \"a"
          + " small red car next to a tall green tree\". Use one noun phrase per object. Mention"
          + " only what is visible.");

  /** The system message of every request. */
  public static final String SYSTEM =
      "You write factual descriptions of photographs for a dataset of image regions. Answer in"
          + " plain prose: no lists, no markdown, no headings, no introduction.";

  private final String user;

  VlmPrompt(String user) {
    this.user = user;
  }

  /** The user message that goes with the image. */
  public String user() {
    return user;
  }

  /** The config value ({@code detailed}, {@code objects}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The prompt named by a {@link VlmKeys#PROMPT} value. */
  public static VlmPrompt of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
