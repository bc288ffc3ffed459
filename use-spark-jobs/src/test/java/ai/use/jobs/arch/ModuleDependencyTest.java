package ai.use.jobs.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule use-common ← use-model ← use-spark-jobs, and use-model free of Spark. */
class ModuleDependencyTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.use");
  }

  @Test
  void commonDependsOnNeitherModelNorJobs() {
    noClasses()
        .that()
        .resideInAPackage("ai.use.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.use.model..", "ai.use.jobs..")
        .check(classes);
  }

  @Test
  void commonUsesNoSparkHadoopOrDjl() {
    noClasses()
        .that()
        .resideInAPackage("ai.use.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "ai.djl..", "scala..")
        .check(classes);
  }

  @Test
  void modelDependsNotOnJobsNorSpark() {
    noClasses()
        .that()
        .resideInAPackage("ai.use.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.use.jobs..", "org.apache.spark..", "org.apache.hadoop..", "scala..")
        .allowEmptyShould(true)
        .check(classes);
  }
}
