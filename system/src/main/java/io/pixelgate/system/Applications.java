package io.pixelgate.system;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import io.pixelgate.platform.ops.AppHealth;
import io.pixelgate.platform.ops.OpsServer;
import io.pixelgate.platform.ops.OpsSettings;
import io.pixelgate.platform.text.HostNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications on the class path, found through {@link ServiceLoader}, and running them together
 * in one process behind one operations endpoint ({@code ops.port}): ready when all of them are, with
 * the meters of all of them.
 */
public final class Applications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Applications.class);

    private final List<PixelgateApplication> apps;
    /** Started applications by name; read by the operations endpoint's threads while others start. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final OpsServer ops;
    private final String opsUrl;

    /** Listens at once: the endpoint answers (STARTING, not ready) while the applications start. */
    private Applications(final List<PixelgateApplication> apps, final PixelgateRuntime runtime) {
        this.apps = List.copyOf(apps);
        final OpsSettings settings = OpsSettings.from(runtime.config());
        this.ops = OpsServer.start(settings, runtime.meters(), this::health);
        this.opsUrl = "ops=http://" + HostNames.display(settings.host()) + ":" + ops.port();
    }

    /** Every registered application, in start order. */
    public static List<PixelgateApplication> available() {
        return ServiceLoader.load(PixelgateApplication.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(PixelgateApplication::startOrder))
                .toList();
    }

    /**
     * Starts the operations endpoint, then {@code apps} in order (each reported STARTING until it
     * serves); if one fails, those already started are stopped again.
     */
    public static Applications start(final List<PixelgateApplication> apps, final PixelgateRuntime runtime,
                              final Duration timeout) {
        final Applications all = new Applications(apps, runtime);
        for (final PixelgateApplication app : apps) {
            final long begin = System.nanoTime();
            try {
                all.running.put(app.name(), app.start(runtime, timeout));
                all.started.add(app.name());
            } catch (final RuntimeException e) {
                all.close();
                throw new IllegalStateException(app.name() + " did not start: " + e.getMessage(), e);
            }
            LOG.info("{} started in {} ms", app.name(), (System.nanoTime() - begin) / 1_000_000);
        }
        return all;
    }

    /** Each application's health, in start order; one not started yet is STARTING. */
    List<AppHealth> health() {
        return apps.stream().map(app -> {
            final Running one = running.get(app.name());
            return one == null ? AppHealth.starting(app.name()) : one.health();
        }).toList();
    }

    /**
     * The endpoints the applications serve, then the operations endpoint, for the READY line, e.g.
     * {@code edge=http://localhost:8080 ops=http://localhost:9464}.
     */
    public String endpoints() {
        return Stream.concat(started.stream().map(running::get).map(Running::endpoint).filter(e -> !e.isBlank()),
                        Stream.of(opsUrl))
                .collect(Collectors.joining(" "));
    }

    /** Stops every application, the last started first, then the operations endpoint. */
    @Override
    public void close() {
        final List<String> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (final String name : reversed) {
            try {
                running.remove(name).close();
            } catch (final RuntimeException e) {
                LOG.warn("{} did not stop cleanly: {}", name, e.getMessage());
            }
        }
        started.clear();
        ops.close();
    }
}
