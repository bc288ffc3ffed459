package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LabelOptionsTest {
  private static final LocalDate D = LocalDate.of(2026, 11, 25);

  private static LabelOptions options(
      String images, String vocab, String head, String embedder, boolean maps, boolean relabel) {
    return new LabelOptions(
        images, "out", D, vocab, null, head, embedder, maps, relabel, 5, 100, AmgFlags.defaults());
  }

  @Test
  void badCombinationsNameTheOptionAndWhatToDo() {
    assertThatThrownBy(() -> options("in", null, null, null, false, false))
        .hasMessageContaining("exactly one of --head")
        .hasMessageContaining("--embedder clip-dense");
    assertThatThrownBy(() -> options("in", null, "h", "clip-dense", false, false))
        .hasMessageContaining("exactly one of --head");
    assertThatThrownBy(() -> options(null, null, null, "clip-dense", false, false))
        .hasMessageContaining("--images is required");
    assertThatThrownBy(() -> options(null, null, null, null, false, true))
        .hasMessageContaining("--relabel needs --vocab");
    assertThatThrownBy(() -> options("in", null, null, "clip-dense", true, false))
        .hasMessageContaining("--semantic-maps needs --vocab");
    assertThat(options(null, "v.txt", null, null, false, true).relabel()).isTrue();
  }

  @Test
  void pathsAreTheStaticPartitionsOfTheNight() {
    assertThat(LabelPaths.segments("s3a://b/use/", D))
        .isEqualTo("s3a://b/use/segments/run_date=2026-11-25");
    assertThat(LabelPaths.manifest("s3a://b/use", D))
        .isEqualTo("s3a://b/use/label_manifest/run_date=2026-11-25");
    assertThat(LabelPaths.labels("o", "v1", D))
        .isEqualTo("o/segment_labels/vocab_id=v1/run_date=2026-11-25");
    assertThat(LabelPaths.errors("o", D)).isEqualTo("o/errors/job=label/run_date=2026-11-25");
    assertThat(LabelPaths.semanticMap("o", "v1", "a/b.c/img.jpg"))
        .isEqualTo("o/semantic_maps/vocab_id=v1/a/b.c/img.png");
    assertThat(LabelPaths.semanticMap("o", "v1", "a.b/noext"))
        .isEqualTo("o/semantic_maps/vocab_id=v1/a.b/noext.png");
  }

  @Test
  void amgFlagsAreValidatedByTheGeneratorOptions() {
    assertThatThrownBy(
            () -> new AmgFlags(AmgFlags.TOY, 8, 1.5, null, null, null, null, 64).toOptions())
        .hasMessageContaining("pred_iou_thresh");
    assertThat(AmgFlags.defaults().toOptions().pointsPerSide()).isEqualTo(16);
    assertThat(AmgFlags.defaults().toOptions().multimaskOutput()).isFalse();
    assertThat(AmgFlags.preset("sam").toOptions().pointsPerSide()).isEqualTo(32);
  }

  @Test
  void stageTimesAddUpAndAStageSplitsIntoFinerOnes() throws Exception {
    StageNanos a = new StageNanos();
    a.start("amg_postprocessing");
    Thread.sleep(5);
    a.start("head");
    a.stop();
    StageNanos sum = a.plus(a);
    double amg = a.seconds().get("amg_postprocessing");
    assertThat(sum.seconds().get("amg_postprocessing")).isEqualTo(2 * amg).isGreaterThan(0.004);
    assertThat(sum.seconds().get("decode")).isZero();
    assertThat(sum.seconds().keySet())
        .containsExactly(
            "read",
            "decode",
            "preprocess",
            "sam_encoder",
            "prompt_decoding",
            "amg_postprocessing",
            "backbones",
            "head",
            "labels",
            "maps");
    assertThatThrownBy(() -> a.start("nope")).hasMessageContaining("unknown stage nope");

    a.move("amg_postprocessing", "sam_encoder", 1_000_000);
    assertThat(a.seconds().get("sam_encoder")).isEqualTo(0.001);
    assertThat(a.seconds().get("amg_postprocessing")).isCloseTo(amg - 0.001, within(1e-12));
    assertThatThrownBy(() -> a.move("decode", "sam_encoder", 1))
        .hasMessageContaining("cannot move 1 ns out of decode, which holds 0 ns");
  }
}
