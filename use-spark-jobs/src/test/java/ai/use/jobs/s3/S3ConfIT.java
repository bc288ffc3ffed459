package ai.use.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import ai.use.jobs.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/s3.conf} holds no secrets, its committer keys are the ones Spark uses, and its s3a
 * settings (placeholders filled in) reach the test server with the keys read from a Hadoop JCEKS
 * credential file, as the file documents.
 */
class S3ConfIT {
  private static Properties s3Conf;
  private static S3Server s3;
  private static String bucket;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws IOException {
    Path file = Path.of(System.getProperty("use.repo.root", "."), "conf", "s3.conf");
    s3Conf = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      s3Conf.load(in);
    }
    SharedS3.sparkOnS3(); // starts the server and the session side by side
    s3 = SharedS3.get();
    bucket = SharedS3.newBucket("conf");
  }

  @Test
  void holdsNoSecretsAndOnlyPlaceholdersForSiteValues() {
    assertThat(s3Conf.stringPropertyNames())
        .isNotEmpty()
        .allMatch(k -> k.startsWith("spark."))
        .noneMatch(k -> k.endsWith(".access.key") || k.endsWith(".secret.key"))
        .noneMatch(k -> k.endsWith(".session.token"));
    assertThat(s3Conf.getProperty("spark.hadoop.fs.s3a.endpoint")).startsWith("<").endsWith(">");
    assertThat(s3Conf.getProperty("spark.hadoop.fs.s3a.committer.name")).isEqualTo("magic");
  }

  @Test
  void committerClassesAreTheOnesSparkSelectsWithHadoopCloud() {
    var spark = SharedSpark.get();
    for (String key :
        new String[] {
          "spark.sql.sources.commitProtocolClass", "spark.sql.parquet.output.committer.class"
        }) {
      assertThat(s3Conf.getProperty(key)).as(key).isEqualTo(spark.conf().get(key));
    }
  }

  @Test
  void itsSettingsReachTheServerWithKeysFromAJceksFile() throws Exception {
    Configuration conf = new Configuration();
    for (String key : s3Conf.stringPropertyNames()) {
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), s3Conf.getProperty(key));
      }
    }
    // The site values the placeholders stand for; plain http because the test server has no TLS.
    Map.of(
            "fs.s3a.endpoint",
            s3.endpoint(),
            "fs.s3a.endpoint.region",
            S3Server.REGION,
            "fs.s3a.connection.ssl.enabled",
            "false")
        .forEach(conf::set);
    assertThat(conf.get("fs.s3a.aws.credentials.provider"))
        .isEqualTo("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    URI object = URI.create("s3a://" + bucket + "/probe/hello.txt");

    // Without the credential file there are no keys: the first request fails.
    try (FileSystem fs = FileSystem.newInstance(object, new Configuration(conf))) {
      assertThat(catchThrowable(() -> fs.exists(new org.apache.hadoop.fs.Path(object))))
          .isInstanceOf(IOException.class);
    }

    String providerPath = "jceks://file" + dir.resolve("s3.jceks").toAbsolutePath();
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, providerPath);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry("fs.s3a.access.key", s3.accessKey().toCharArray());
    provider.createCredentialEntry("fs.s3a.secret.key", s3.secretKey().toCharArray());
    provider.flush();
    assertThat(Files.readAllBytes(dir.resolve("s3.jceks")))
        .asString(StandardCharsets.ISO_8859_1)
        .doesNotContain(s3.secretKey());

    try (FileSystem fs = FileSystem.newInstance(object, conf)) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(object);
      try (OutputStream out = fs.create(path, true)) {
        out.write("hello".getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = fs.open(path)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      }
    }
    assertThat(s3.getString(bucket, "probe/hello.txt")).isEqualTo("hello");
  }
}
