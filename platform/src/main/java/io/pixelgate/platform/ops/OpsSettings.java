package io.pixelgate.platform.ops;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.Setting;
import java.util.List;

/**
 * Where the operations endpoint ({@code /health/live}, {@code /health/ready}, {@code /metrics})
 * listens: {@code ops.host} and {@code ops.port}; port 0 picks a free one.
 */
public record OpsSettings(String host, int port) {

    /** Prometheus' conventional exporter port; the compose health checks use it. */
    public static final Setting<Integer> PORT = Setting.integer("ops.port", 9464,
            "port of the operations endpoint (`/health/live`, `/health/ready`, `/metrics`); 0 picks a free one")
            .between(0, 65_535);
    public static final Setting<String> HOST = Setting.text("ops.host", "0.0.0.0",
            "interface the operations endpoint listens on");

    public static final List<Setting<?>> SETTINGS = List.of(PORT, HOST);

    public static OpsSettings from(final PixelgateConfig config) {
        return new OpsSettings(HOST.from(config), PORT.from(config));
    }
}
