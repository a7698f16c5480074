package io.pixelgate.platform.ops;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;

/**
 * Where the operations endpoint ({@code /health/live}, {@code /health/ready}, {@code /metrics})
 * listens: {@code ops.host} and {@code ops.port}; port 0 picks a free one.
 */
public record OpsSettings(String host, int port) {

    /** The setting names. */
    public static final class Keys {
        public static final String PORT = "ops.port";
        public static final String HOST = "ops.host";

        private Keys() {
        }
    }

    /** Prometheus' conventional exporter port range starts here; the compose health checks use it. */
    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_HOST = "0.0.0.0";
    private static final int MAX_PORT = 65_535;

    public static OpsSettings from(final PixelgateConfig config) {
        final int port = config.integer(Keys.PORT, DEFAULT_PORT);
        if (port < 0 || port > MAX_PORT) {
            throw new ConfigException(Keys.PORT, "must be a port from 0 (any free one) to " + MAX_PORT + ", got " + port);
        }
        return new OpsSettings(config.string(Keys.HOST, DEFAULT_HOST), port);
    }
}
