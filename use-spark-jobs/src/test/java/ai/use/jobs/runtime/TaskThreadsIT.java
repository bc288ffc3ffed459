package ai.use.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import ai.use.jobs.testing.SharedSpark;
import ai.use.model.runtime.TorchEngine;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Tasks set libtorch's intra-op threads to their {@code spark.task.cpus} (1 in the tests). */
class TaskThreadsIT {
  @Test
  void aTaskRunsWithAsManyLibtorchThreadsAsItHasCpus() {
    SparkSession spark = SharedSpark.get();
    TorchEngine.get();
    int before = JniUtils.getNumThreads();
    try {
      // libtorch keeps the count per calling thread (OpenMP); the task threads of local mode start
      // from the JVM's -Dai.djl.pytorch.num_threads and must end at spark.task.cpus = 1.
      JniUtils.setNumThreads(3);
      List<Integer> seen =
          JavaSparkContext.fromSparkContext(spark.sparkContext())
              .parallelize(List.of(1, 2), 2)
              .map(x -> TaskThreads.matchTaskCpus())
              .collect();
      assertThat(seen).containsExactly(1, 1);
      assertThat(TaskThreads.matchTaskCpus()).as("outside a task nothing changes").isEqualTo(3);
    } finally {
      JniUtils.setNumThreads(before);
    }
  }
}
