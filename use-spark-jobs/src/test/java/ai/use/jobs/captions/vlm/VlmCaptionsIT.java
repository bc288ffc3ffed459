package ai.use.jobs.captions.vlm;

import static ai.use.jobs.captions.vlm.FakeChatServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.table.Tables;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.jobs.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The captioner inside {@code mapPartitions} on local Spark, as the pairs job uses it: settings
 * built on the driver travel to the tasks, every image gets one result, failures become {@code
 * errors} rows, one permit bounds both tasks of the JVM, and a rerun is served by the cache.
 */
class VlmCaptionsIT {
  @TempDir Path tmp;

  @Test
  void captionsAPartitionedImageFolderWithErrorsAndACachedRerun() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String tag = (i % 5 == 1 ? "bad" : i % 5 == 3 ? "flaky" : "ok") + i;
      tags.add(tag);
      Files.write(images.resolve(tag + ".png"), FakeChatServer.image(tag));
    }
    SparkSession spark = SharedSpark.get();
    try (FakeChatServer server =
        new FakeChatServer(
            (tag, n) -> {
              if (tag.startsWith("bad")) {
                return Reply.status(200, "{oops");
              }
              if (tag.startsWith("flaky") && n == 1) {
                return Reply.status(500, "try again");
              }
              return Reply.caption("a picture of thing " + tag).after(40);
            })) {
      Map<String, String> props = new HashMap<>();
      props.put(VlmKeys.ENDPOINT.name(), server.endpoint());
      props.put(VlmKeys.MODEL.name(), "llava-it");
      props.put(VlmKeys.API_KEY_ENV.name(), "");
      props.put(VlmKeys.API_KEY_ALIAS.name(), "");
      props.put(VlmKeys.MAX_CONCURRENCY.name(), "1");
      props.put(VlmKeys.BACKOFF_MILLIS.name(), "10");
      props.put(VlmKeys.CACHE_DIR.name(), tmp.resolve("cache").toUri().toString());
      VlmSettings settings = VlmSettings.from(props, spark.sparkContext().hadoopConfiguration());

      List<CaptionResult> first = run(spark, images, settings);
      int requestsFirst = server.requests();
      List<CaptionResult> second = run(spark, images, settings);

      assertThat(first)
          .extracting(r -> r.uri().replaceAll(".*/", ""))
          .containsExactlyInAnyOrderElementsOf(tags.stream().map(t -> t + ".png").toList());
      for (CaptionResult r : first) {
        String tag = r.uri().replaceAll(".*/|\\.png$", "");
        if (tag.startsWith("bad")) {
          assertThat(r.errorClass()).as(tag).isEqualTo("VlmBadResponse");
        } else {
          assertThat(r.caption()).as(tag).isEqualTo("a picture of thing " + tag);
        }
      }
      assertThat(requestsFirst).as("12 images, 3 malformed, 2 flaky once").isEqualTo(14);
      assertThat(server.maxInFlight()).as("one permit for both tasks of the JVM").isEqualTo(1);

      assertThat(server.requests())
          .as("the rerun asks only for the failed images")
          .isEqualTo(14 + 3);
      assertThat(second).filteredOn(CaptionResult::isOk).allMatch(CaptionResult::cached).hasSize(9);

      List<Row> errorRows = new ArrayList<>();
      for (CaptionResult r : second) {
        if (!r.isOk()) {
          errorRows.add(r.toErrorRecord().toRow("run-it"));
        }
      }
      Dataset<Row> errors = spark.createDataFrame(errorRows, SparkSchemas.of(Tables.ERRORS));
      assertThat(errors.count()).isEqualTo(3);
      assertThat(errors.select("stage", "item", "error_class").distinct().collectAsList())
          .extracting(Row::toString)
          .containsExactly("[caption,image,VlmBadResponse]");
    }
  }

  private static List<CaptionResult> run(SparkSession spark, Path images, VlmSettings settings) {
    JavaRDD<ImageBytes> input =
        spark
            .read()
            .format("binaryFile")
            .load(images.toString())
            .select("path", "content")
            .javaRDD()
            .map(
                row ->
                    new ImageBytes(
                        row.getString(0).replaceAll(".*/", ""), row.getString(0), row.getAs(1)))
            .repartition(2);
    return input.mapPartitions(it -> VlmCaptioner.create(settings).caption(it, 4)).collect();
  }
}
