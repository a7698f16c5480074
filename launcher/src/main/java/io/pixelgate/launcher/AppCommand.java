package io.pixelgate.launcher;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.system.Applications;
import io.pixelgate.system.UntilStopped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs one application alone against an existing Kafka cluster and schema registry (production). */
@Command(mixinStandardHelpOptions = true,
        description = "Runs this application alone against an existing Kafka cluster and schema registry.")
final class AppCommand implements Callable<Integer> {

    private final PixelgateApplication app;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "How long to wait for the application to serve (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Spec
    CommandSpec spec;

    AppCommand(final PixelgateApplication app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        final PixelgateConfig config = connection.load();
        final PixelgateRuntime runtime = PixelgateRuntime.connect(config);
        TopicProvisioner.ensure(runtime, runtime.topics().all());
        final Applications running = Applications.start(List.of(app), runtime, startTimeout);
        spec.commandLine().getOut().printf("RUNNING %s %s%n", app.name(), running.endpoints());
        spec.commandLine().getOut().flush();
        UntilStopped.await(running);
        return 0;
    }
}
