package ai.use.jobs.demo;

import java.nio.file.Path;

/**
 * Where the demo puts things under its output root.
 *
 * <pre>
 * toy/                     the generated toy world (docs/toy-world.md)
 * tables/                  ground-truth pairs of the train split + their features and texts
 * heldout/                 ground-truth pairs + features of the held-out split (training's held-out set)
 * model-pairs/             the model pipeline (captions → phrases → grounder → SAM) on the held-out split
 * train/                   the trained head (train/head), train_metrics, checkpoints
 * label-input/             the held-out images the label stage labels, and their true label maps
 * label/, label-untrained/, label-clip/   label runs with the trained head, the untrained head, raw CLIP
 * report.html, summary.json
 * </pre>
 */
record DemoPaths(Path root) {
  Path toy() {
    return root.resolve("toy");
  }

  Path tables() {
    return root.resolve("tables");
  }

  Path heldout() {
    return root.resolve("heldout");
  }

  Path modelPairs() {
    return root.resolve("model-pairs");
  }

  Path train() {
    return root.resolve("train");
  }

  Path labelImages() {
    return root.resolve("label-input/images");
  }

  Path labelTruth() {
    return root.resolve("label-input/truth");
  }

  Path label(String variant) {
    return root.resolve(variant);
  }

  static String uri(Path p) {
    String s = p.toUri().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
