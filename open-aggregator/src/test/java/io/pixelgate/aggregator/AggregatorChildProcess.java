package io.pixelgate.aggregator;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The open-aggregator alone in its own JVM, as a deployment runs it, so that a test can kill it
 * outright. Argument: a properties file with the Pixelgate configuration. Prints {@link #READY}
 * once the Streams application is RUNNING.
 */
public final class AggregatorChildProcess {

    static final String READY = "AGGREGATOR RUNNING";

    private AggregatorChildProcess() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final PixelgateConfig config = PixelgateConfig.load(Path.of(args[0]), Map.of(), Map.of());
        final PixelgateApplication.Running running = new OpenAggregatorApplication()
                .start(PixelgateRuntime.connect(config), Duration.ofSeconds(90));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "aggregator-stop"));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }
}
