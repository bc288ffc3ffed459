package ai.use.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.table.Tables;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source annotations} with images, captions, the grounder and SAM models and the
 * output all on {@code s3a://} (S3Proxy); tables read back from outside Spark with DuckDB.
 */
class ModelPairsOnS3IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MODELS = List.of("grounder", "sam-encoder", "sam-decoder");

  @TempDir Path world;
  @TempDir Path tmp;

  @Test
  void modelPipelineReadsImagesCaptionsAndModelsFromS3AndWritesItsTablesThere() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 3), world);
    SparkSession spark = SharedS3.sparkOnS3();
    S3Server s3 = SharedS3.get();
    String bucket = SharedS3.newBucket("model-pairs");
    s3.uploadDirectory(world.resolve("images/heldout"), bucket, "images");
    s3.uploadDirectory(world.resolve("annotations"), bucket, "annotations");
    Path zoo = Path.of(System.getProperty("use.repo.root", "..")).resolve("models/toy");
    Path upload = Files.createDirectories(tmp.resolve("zoo"));
    for (String model : MODELS) {
      Files.copy(zoo.resolve(model + ".pt"), upload.resolve(model + ".pt"));
      Files.copy(zoo.resolve(model + ".json"), upload.resolve(model + ".json"));
    }
    Files.copy(zoo.resolve("grounder.tokenizer.json"), upload.resolve("grounder.tokenizer.json"));
    s3.uploadDirectory(upload, bucket, "zoo");
    String root = "s3a://" + bucket;
    spark.conf().set("spark.use.model.grounder", root + "/zoo/grounder.pt");
    spark.conf().set("spark.use.model.samEncoder", root + "/zoo/sam-encoder.pt");
    spark.conf().set("spark.use.model.samDecoder", root + "/zoo/sam-decoder.pt");
    PairsResult result;
    try {
      result =
          PairsJob.run(
              spark,
              PairsOptions.annotations(
                  root + "/images",
                  root + "/annotations/captions_heldout.json",
                  "auto",
                  root + "/out"));
    } finally {
      spark.conf().unset("spark.use.model.grounder");
      spark.conf().unset("spark.use.model.samEncoder");
      spark.conf().unset("spark.use.model.samDecoder");
    }

    assertThat(result.succeeded()).isTrue();
    assertThat(result.pairs()).isPositive();
    JsonNode summary = JSON.readTree(s3.getString(bucket, "out/pairs.run-summary.json"));
    assertThat(summary.at("/counts/images_read").asLong()).isEqualTo(3);
    assertThat(summary.at("/config/spark.use.model.grounder").asText())
        .isEqualTo(root + "/zoo/grounder.pt");
    OutsideReader.Table pairs = OutsideReader.read(s3, root + "/out/pairs", tmp.resolve("pairs"));
    assertThat(pairs.columnNames()).containsExactlyElementsOf(Tables.PAIRS.columnNames());
    assertThat(pairs.rowCount()).isEqualTo(result.pairs());
    assertThat(pairs.rows()).allMatch(r -> r.get("source").equals("annotations"));
    assertThat(pairs.rows())
        .allMatch(r -> r.get("image_uri").toString().startsWith(root + "/images/"));
    OutsideReader.Table spans =
        OutsideReader.read(s3, root + "/out/pair_spans", tmp.resolve("spans"));
    assertThat(spans.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("primary"))).count())
        .isEqualTo(result.pairs());
  }
}
