package ai.use.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 failures name what to check: an endpoint nothing listens on fails within seconds naming the
 * endpoint; a bucket that does not exist fails naming the bucket. Neither message carries the
 * secret key.
 */
class S3FailuresIT {
  private static SparkSession spark;
  private static S3Server s3;
  private static String bucket;

  @TempDir static Path local;
  private final Map<String, String> perBucketKeys = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    spark = SharedS3.sparkOnS3();
    s3 = SharedS3.get();
    bucket = SharedS3.newBucket("failures");
    Path annotations = Files.createDirectories(local.resolve("annotations"));
    Files.writeString(
        annotations.resolve("instances.json"),
        "{\"images\": [], \"annotations\": [], \"categories\": []}",
        StandardCharsets.UTF_8);
    s3.uploadDirectory(annotations, bucket, "annotations");
  }

  @AfterEach
  void unsetPerBucketKeys() {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    perBucketKeys.keySet().forEach(hadoop::unset);
  }

  /** Sets {@code fs.s3a.bucket.<bucket>.<key>} so only that bucket is affected. */
  private void setForBucket(String name, String key, String value) {
    String full = "fs.s3a.bucket." + name + "." + key;
    perBucketKeys.put(full, value);
    spark.sparkContext().hadoopConfiguration().set(full, value);
  }

  private static PairsOptions optionsIn(String imagesBucket, String instancesBucket) {
    return new PairsOptions(
        "s3a://" + imagesBucket + "/images",
        "s3a://" + instancesBucket + "/annotations/instances.json",
        null,
        "s3a://" + instancesBucket + "/out-" + UUID.randomUUID());
  }

  @Test
  void unreachableEndpointFailsWithinSecondsNamingTheEndpoint() {
    String offline = "offline-" + UUID.randomUUID().toString().substring(0, 8);
    String endpoint = "http://127.0.0.1:" + S3Server.freePort();
    setForBucket(offline, "endpoint", endpoint);
    // Fail fast instead of S3A's default ~7 retries with back-off and the SDK's own retries.
    setForBucket(offline, "retry.limit", "1");
    setForBucket(offline, "retry.interval", "10ms");
    setForBucket(offline, "attempts.maximum", "0");
    setForBucket(offline, "connection.establish.timeout", "1s");
    setForBucket(offline, "connection.timeout", "2s");

    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> PairsJob.run(spark, optionsIn(offline, offline)));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--instances")
        .hasMessageContaining("s3a://" + offline + "/annotations/instances.json")
        .hasMessageContaining("endpoint " + endpoint + " of bucket " + offline)
        .hasMessageContaining("cannot be reached")
        .hasMessageContaining("check fs.s3a.endpoint");
    assertThat(failure.getMessage()).doesNotContain(s3.secretKey());
    assertThat(seconds).isLessThan(20);
  }

  @Test
  void missingBucketIsNamed() {
    String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);

    Throwable failure = catchThrowable(() -> PairsJob.run(spark, optionsIn(missing, missing)));

    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read --instances s3a://" + missing + "/annotations")
        .hasMessageContaining("bucket " + missing + " does not exist at endpoint " + s3.endpoint())
        .hasMessageContaining("check the bucket name");
    assertThat(failure.getMessage()).doesNotContain(s3.secretKey());
  }

  @Test
  void missingImagesBucketIsNamed() {
    String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);

    Throwable failure = catchThrowable(() -> PairsJob.run(spark, optionsIn(missing, bucket)));

    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot list --images s3a://" + missing + "/images")
        .hasMessageContaining("bucket " + missing + " does not exist at endpoint " + s3.endpoint());
    assertThat(failure.getMessage()).doesNotContain(s3.secretKey());
  }
}
