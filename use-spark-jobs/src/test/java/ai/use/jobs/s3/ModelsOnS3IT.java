package ai.use.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.testing.SharedS3;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelLoader;
import ai.use.model.spec.ModelLoadException;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files on s3a:// are copied once to local disk (sidecar and tokenizer beside) and loaded.
 */
class ModelsOnS3IT {
  @TempDir Path tmp;

  @Test
  void loadsAModelFromS3WithItsSidecarAndTokenizer() throws Exception {
    SparkSession spark = SharedS3.sparkOnS3();
    String bucket = SharedS3.newBucket("models");
    Path zoo = Path.of(System.getProperty("use.repo.root", "..")).resolve("models/toy");
    Path upload = Files.createDirectories(tmp.resolve("upload"));
    for (String f : List.of("clip-text.pt", "clip-text.json", "clip-text.tokenizer.json")) {
      Files.copy(zoo.resolve(f), upload.resolve(f));
    }
    SharedS3.get().uploadDirectory(upload, bucket, "zoo");
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(spark.sparkContext().hadoopConfiguration(), tmp.toString());

    ModelSpec spec = new ModelSpec(ModelRole.CLIP_TEXT, "s3a://" + bucket + "/zoo/clip-text.pt");
    try (LoadedModel model = ModelLoader.load(spec, Device.cpu(), fetcher);
        ClipTextEncoder encoder = new ClipTextEncoder(model, 4)) {
      assertThat(model.localFile()).startsWith(tmp);
      assertThat(model.localFile().resolveSibling("clip-text.tokenizer.json")).exists();
      assertThat(encoder.embed(List.of("a red circle"))[0]).hasSize(32);
    }
    assertThat(fetcher.localCopy(spec.uri())).isEqualTo(fetcher.localCopy(spec.uri()));

    ModelSpec missing = new ModelSpec(ModelRole.CLIP_TEXT, "s3a://" + bucket + "/zoo/none.pt");
    assertThatThrownBy(() -> ModelLoader.load(missing, Device.cpu(), fetcher))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(
            "clip-text model s3a://" + bucket + "/zoo/none.pt: file does not exist");
  }
}
