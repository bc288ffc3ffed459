package ai.use.jobs.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress lines for running stages (tasks done / total, records/s, ETA) at most every few
 * seconds per stage, and keeps per-stage wall times for the run summary.
 */
public final class ProgressListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

  private final String job;
  private final long intervalMillis;
  private final Map<Integer, StageProgress> running = new ConcurrentHashMap<>();
  private final List<StageTiming> completed = new ArrayList<>();

  public ProgressListener(String job, long intervalMillis) {
    this.job = job;
    this.intervalMillis = intervalMillis;
  }

  private static final class StageProgress {
    final String name;
    final int tasks;
    final long startMillis = System.currentTimeMillis();
    final AtomicInteger done = new AtomicInteger();
    final AtomicLong records = new AtomicLong();
    volatile long lastLogMillis = startMillis;

    StageProgress(String name, int tasks) {
      this.name = name;
      this.tasks = tasks;
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    StageInfo info = event.stageInfo();
    running.put(info.stageId(), new StageProgress(info.name(), info.numTasks()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    StageProgress p = running.get(event.stageId());
    if (p == null) {
      return;
    }
    int done = p.done.incrementAndGet();
    if (event.taskMetrics() != null) {
      p.records.addAndGet(event.taskMetrics().inputMetrics().recordsRead());
    }
    long now = System.currentTimeMillis();
    if (now - p.lastLogMillis >= intervalMillis && done < p.tasks) {
      p.lastLogMillis = now;
      double seconds = (now - p.startMillis) / 1000.0;
      double tasksPerSecond = done / Math.max(seconds, 1e-3);
      long eta = Math.round((p.tasks - done) / Math.max(tasksPerSecond, 1e-9));
      LOG.info(
          "[{}] stage {} ({}): {}/{} tasks, {} records/s, ETA {} s",
          job,
          event.stageId(),
          p.name,
          done,
          p.tasks,
          String.format("%.1f", p.records.get() / Math.max(seconds, 1e-3)),
          eta);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo info = event.stageInfo();
    StageProgress p = running.remove(info.stageId());
    long start =
        info.submissionTime().isDefined()
            ? (Long) info.submissionTime().get()
            : (p != null ? p.startMillis : System.currentTimeMillis());
    long end =
        info.completionTime().isDefined()
            ? (Long) info.completionTime().get()
            : System.currentTimeMillis();
    long records = p != null ? p.records.get() : 0;
    StageTiming timing =
        new StageTiming(
            info.stageId(), info.name(), info.numTasks(), (end - start) / 1000.0, records);
    synchronized (completed) {
      completed.add(timing);
    }
    LOG.info(
        "[{}] stage {} ({}) done: {} tasks in {} s",
        job,
        info.stageId(),
        info.name(),
        info.numTasks(),
        String.format("%.1f", timing.seconds()));
  }

  /** Completed stages so far, in completion order. */
  public List<StageTiming> completedStages() {
    synchronized (completed) {
      return List.copyOf(completed);
    }
  }
}
