package io.pixelgate.platform.app;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.ops.AppHealth;
import java.time.Duration;
import java.util.List;

/**
 * One Pixelgate application (consent-events, send-enricher, open-aggregator, edge). Each module
 * registers its implementation in {@code META-INF/services/io.pixelgate.platform.app.PixelgateApplication},
 * so the launcher runs whatever is on its class path: all of them in {@code dev}, one alone with
 * {@code pixelgate <name>}.
 */
public interface PixelgateApplication {

    /** The command name, e.g. {@code consent-events}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** Start order in {@code dev}: lower first (consent-events 10, send-enricher 20, open-aggregator 30, edge 40). */
    int startOrder();

    /**
     * The settings this application reads of its own, beyond those every application reads
     * ({@code CommonSettings}, {@code InputSettings}, {@code OpsSettings}); the README lists them.
     */
    List<Setting<?>> settings();

    /**
     * Registers this application's schemas, starts it and returns once it serves (Streams RUNNING,
     * HTTP listening), or throws an exception that names what failed.
     */
    Running start(PixelgateRuntime runtime, Duration timeout);

    /** A started application. */
    interface Running extends AutoCloseable {

        /** What it serves, for the READY line, e.g. {@code edge=http://localhost:8080}; empty for none. */
        default String endpoint() {
            return "";
        }

        /** Its state, for the operations endpoint's {@code /health/live} and {@code /health/ready}; asked at every check. */
        AppHealth health();

        @Override
        void close();
    }
}
