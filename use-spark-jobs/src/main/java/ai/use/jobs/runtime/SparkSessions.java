package ai.use.jobs.runtime;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** Getting the job's SparkSession and its {@code spark.use.*} properties. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The session spark-submit configured; {@code local[*]} when no master was given (a job run with
   * plain {@code java}).
   */
  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }

  /** Every {@code spark.use.*} property of the session, for reading the job's config keys. */
  public static Map<String, String> useProperties(SparkSession spark) {
    Map<String, String> out = new HashMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      if (kv._1().startsWith("spark.use.")) {
        out.put(kv._1(), kv._2());
      }
    }
    // Runtime SQL conf (spark.conf().set) wins over the launch conf.
    spark
        .conf()
        .getAll()
        .foreach(
            kv -> {
              if (kv._1().startsWith("spark.use.")) {
                out.put(kv._1(), kv._2());
              }
              return null;
            });
    return out;
  }
}
