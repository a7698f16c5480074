package io.pixelgate.demo;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Sends every log line to a file while the live view owns the terminal (a log line on stderr would
 * tear the frame). Same levels as the launcher's log4j2.xml: Kafka's loggers at WARN.
 */
public final class DemoLogs {

    private DemoLogs() {
    }

    /** From now on, this JVM logs to {@code file} only. */
    public static void toFile(final Path file) {
        final ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.WARN);
        config.setConfigurationName("pixelgate-demo");
        config.setShutdownHook("disable");
        config.add(config.newAppender("file", "File")
                .addAttribute("fileName", file.toString())
                .addAttribute("append", true)
                .add(config.newLayout("PatternLayout").addAttribute("pattern",
                        "%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n")));
        for (final String quiet : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "io.netty"}) {
            config.add(config.newLogger(quiet, Level.WARN));
        }
        final Level root = Level.toLevel(System.getProperty("pixelgate.log.level"), Level.INFO);
        config.add(config.newRootLogger(root).add(config.newAppenderRef("file")));
        Configurator.reconfigure(config.build());
    }
}
