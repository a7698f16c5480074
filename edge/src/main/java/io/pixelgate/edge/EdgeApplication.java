package io.pixelgate.edge;

import io.pixelgate.edge.http.EdgeServer;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.ops.AppHealth;
import io.pixelgate.platform.text.HostNames;
import java.time.Duration;
import java.util.List;

/** The edge as a launcher application: pixel, click redirect, preferences pages, health, metrics. */
public final class EdgeApplication implements PixelgateApplication {

    @Override
    public String name() {
        return "edge";
    }

    @Override
    public String description() {
        return "HTTP edge: pixels, tracked links and tracking-preferences pages in; hits and consent changes out";
    }

    @Override
    public int startOrder() {
        return 40;
    }

    @Override
    public List<Setting<?>> settings() {
        return EdgeSettings.SETTINGS;
    }

    @Override
    public Running start(final PixelgateRuntime runtime, final Duration timeout) {
        final EdgeSettings settings = EdgeSettings.from(runtime.config());
        final EdgeServer server = EdgeServer.start(settings, runtime, timeout);
        final String endpoint = "edge=http://" + displayHost(settings.host()) + ":" + server.port();
        return new Running() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public AppHealth health() {
                return server.health();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** Where a person on this machine reaches a server listening on {@code host}. */
    static String displayHost(final String host) {
        return HostNames.display(host);
    }
}
