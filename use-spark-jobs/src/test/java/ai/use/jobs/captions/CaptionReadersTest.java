package ai.use.jobs.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.id.StableIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CaptionReadersTest {
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  @Test
  void cocoCaptionsAreKeyedByFileNameInFileOrder() throws Exception {
    CaptionIndex index =
        CocoCaptions.parse(
            json(
                "{'images': [{'id': 1, 'file_name': 'a/x.jpg'}, {'id': 2, 'file_name': 'y.jpg'}],"
                    + " 'annotations': [{'id': 11, 'image_id': 1, 'caption': 'A dog.'},"
                    + " {'id': 12, 'image_id': 1, 'caption': 'A brown dog.', 'phrases': []},"
                    + " {'id': 21, 'image_id': 2, 'caption': 'A cat.'}]}"),
            "captions.json");

    assertThat(index.images()).isEqualTo(2);
    assertThat(index.captions()).isEqualTo(3);
    assertThat(index.lookup("file:/data/a/x.jpg", "a/x.jpg"))
        .extracting(Caption::id, Caption::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(11L, "A dog."),
            org.assertj.core.groups.Tuple.tuple(12L, "A brown dog."));
    assertThat(index.lookup("file:/data/y.jpg", "y.jpg").get(0).isRegion()).isFalse();
    assertThat(index.lookup("file:/data/z.jpg", "z.jpg")).isEmpty();
  }

  @Test
  void aCaptionOfAnUnknownImageFailsNamingTheFileAndIds() throws Exception {
    assertThatThrownBy(
            () ->
                CocoCaptions.parse(
                    json(
                        "{'images': [], 'annotations': [{'id': 5, 'image_id': 9, 'caption':"
                            + " 'x'}]}"),
                    "c.json"))
        .hasMessage("c.json: caption 5 names image_id 9, which is not in images[]");
    assertThatThrownBy(() -> CocoCaptions.parse(json("{'annotations': []}"), "c.json"))
        .hasMessageContaining("c.json has no 'images' list");
  }

  @Test
  void visualGenomeRegionsCarryTheirBoxesAndAreKeyedByTheNumericFileStem() throws Exception {
    CaptionIndex index =
        VisualGenomeRegions.parse(
            json(
                "[{'id': 2345, 'regions': [{'region_id': 7, 'image_id': 2345, 'phrase':"
                    + " 'man in a red hat ', 'x': 10, 'y': 20, 'width': 30, 'height': 40}]},"
                    + " {'image_id': 6, 'regions': []}]"),
            "region_descriptions.json");

    Caption region = index.lookup("s3a://vg/VG_100K/2345.jpg", "VG_100K/2345.jpg").get(0);
    assertThat(region.id()).isEqualTo(7);
    assertThat(region.isRegion()).isTrue();
    assertThat(region.regionXywh()).containsExactly(10, 20, 30, 40);
    assertThatThrownBy(
            () ->
                VisualGenomeRegions.parse(
                    json("[{'id': 1, 'regions': [{'region_id': 3, 'phrase': 'x', 'x': 1}]}]"),
                    "vg.json"))
        .hasMessage("vg.json: region 3 needs a number 'y', got nothing");
  }

  @Test
  void anImageIsFoundByRelativePathUriImageIdOrStem() {
    String uri = "file:/data/img/7.png";
    String id = StableIds.imageId(uri);
    for (String key : new String[] {"img/7.png", uri, id, "7"}) {
      CaptionIndex index =
          new CaptionIndex(
              java.util.Map.of(key, java.util.List.of(new Caption(1, "x", null))), "t");
      assertThat(index.has(uri, "img/7.png")).as(key).isTrue();
    }
  }

  @Test
  void formatsParseAndFailNamingTheAllowedValues() {
    assertThat(CaptionFormat.of("vg")).isEqualTo(CaptionFormat.VG);
    assertThat(CaptionFormat.fromName("s3a://b/captions.CSV")).isEqualTo(CaptionFormat.CSV);
    assertThat(CaptionFormat.fromName("s3a://b/captions.json")).isNull();
    assertThat(CaptionFormat.fromName("s3a://b/captions")).isEqualTo(CaptionFormat.PARQUET);
    assertThatThrownBy(() -> CaptionFormat.of("xml"))
        .hasMessage("--captions-format xml is not one of auto, coco, vg, parquet, csv");
  }

  @Test
  void tableCaptionsWithoutAnIdGetAStableNonNegativeOne() {
    long id = CaptionTable.hashId("img/1.jpg", "A dog.");
    assertThat(id).isNotNegative().isEqualTo(CaptionTable.hashId("img/1.jpg", "A dog."));
    assertThat(id).isNotEqualTo(CaptionTable.hashId("img/1.jpg", "A cat."));
  }
}
