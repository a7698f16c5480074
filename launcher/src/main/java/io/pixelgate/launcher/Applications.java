package io.pixelgate.launcher;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The applications on the class path, found through {@link ServiceLoader}, and running them together. */
final class Applications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Applications.class);

    private final List<Running> running;

    private Applications(final List<Running> running) {
        this.running = running;
    }

    /** Every registered application, in start order. */
    static List<PixelgateApplication> available() {
        return ServiceLoader.load(PixelgateApplication.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(PixelgateApplication::startOrder))
                .toList();
    }

    /** Starts {@code apps} in order; if one fails, those already started are stopped again. */
    static Applications start(final List<PixelgateApplication> apps, final PixelgateRuntime runtime,
                              final Duration timeout) {
        final Applications started = new Applications(new ArrayList<>());
        for (final PixelgateApplication app : apps) {
            final long begin = System.nanoTime();
            try {
                started.running.add(app.start(runtime, timeout));
            } catch (final RuntimeException e) {
                started.close();
                throw new IllegalStateException(app.name() + " did not start: " + e.getMessage(), e);
            }
            LOG.info("{} started in {} ms", app.name(), (System.nanoTime() - begin) / 1_000_000);
        }
        return started;
    }

    /** The endpoints the applications serve, for the READY line, e.g. {@code edge=http://localhost:8080}. */
    String endpoints() {
        return running.stream().map(Running::endpoint).filter(e -> !e.isBlank()).collect(Collectors.joining(" "));
    }

    /** Stops every application, the last started first. */
    @Override
    public void close() {
        final List<Running> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (final Running app : reversed) {
            try {
                app.close();
            } catch (final RuntimeException e) {
                LOG.warn("an application did not stop cleanly: {}", e.getMessage());
            }
        }
        running.clear();
    }
}
