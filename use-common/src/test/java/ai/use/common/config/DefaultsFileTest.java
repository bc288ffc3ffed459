package ai.use.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** conf/use-defaults.conf is generated from the *Keys classes; this keeps the two equal. */
class DefaultsFileTest {

  @Test
  void committedDefaultsFileEqualsTheCode() throws IOException {
    Path root = Path.of(System.getProperty("use.repo.root", ".."));
    Path file = root.resolve(DefaultsFile.PATH);
    assertThat(file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is stale: regenerate it with `bin/use defaults-conf`", DefaultsFile.PATH)
        .isEqualTo(DefaultsFile.render());
  }

  @Test
  void everyKeyAppearsWithItsDefaultAndMeaning() {
    String text = DefaultsFile.render();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(text).contains("\n" + key.name() + " " + key.defaultValue() + "\n");
      assertThat(text).contains("# Allowed: " + key.allowed());
    }
  }
}
