package ai.use.jobs.testing;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything log4j2 logs in this JVM (driver and local executors) while open. Chosen
 * loggers are raised to a more verbose level for the capture only: the other appenders (the
 * console) keep getting them at their previous level. Install it after the Spark session exists
 * (Spark configures log4j2 when it starts); close restores the configuration.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final Map<String, LoggerConfig> replaced = new LinkedHashMap<>();
  private final List<String> added = new ArrayList<>();

  private LogCapture(Map<String, Level> levels) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName("use-test-capture-" + UUID.randomUUID())
            .setTarget(text)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(config)
                    .withPattern("%p %c: %m%n%ex")
                    .build())
            .build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    levels.forEach((name, level) -> raise(config, name, level));
    context.updateLoggers();
  }

  /**
   * A non-additive logger config for {@code name} at {@code level} that sends everything to the
   * capture and, at the logger's previous level, to the appenders it used to reach.
   */
  private void raise(Configuration config, String name, Level level) {
    LoggerConfig current = config.getLoggerConfig(name);
    Level previous = current.getLevel();
    Map<String, Appender> reached = new LinkedHashMap<>();
    for (LoggerConfig c = current; c != null; c = c.isAdditive() ? c.getParent() : null) {
      reached.putAll(c.getAppenders());
    }
    reached.remove(appender.getName());
    LoggerConfig raised =
        LoggerConfig.newBuilder()
            .withLoggerName(name)
            .withLevel(level)
            .withAdditivity(false)
            .withConfig(config)
            .build();
    raised.addAppender(appender, Level.ALL, null);
    reached.values().forEach(a -> raised.addAppender(a, previous, null));
    if (current.getName().equals(name)) {
      replaced.put(name, current);
      config.removeLogger(name);
    } else {
      added.add(name);
    }
    config.addLogger(name, raised);
  }

  /** Starts capturing; {@code levels} raises loggers (by name) for the capture only. */
  public static LogCapture start(Map<String, Level> levels) {
    return new LogCapture(levels);
  }

  /** What was logged so far. */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    added.forEach(config::removeLogger);
    replaced.forEach(
        (name, original) -> {
          config.removeLogger(name);
          config.addLogger(name, original);
        });
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
