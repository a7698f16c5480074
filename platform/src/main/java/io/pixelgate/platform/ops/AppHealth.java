package io.pixelgate.platform.ops;

import java.util.Objects;

/**
 * How one application is doing, as the operations endpoint reports it.
 *
 * @param application its name, e.g. {@code consent-events}
 * @param state       what it is doing, e.g. a Kafka Streams state ({@code RUNNING}, {@code REBALANCING})
 * @param live        false only when it is dead and needs a restart (a failed Streams client, a stopped server)
 * @param ready       true when it serves: its Streams client is RUNNING, or the edge reaches Kafka
 */
public record AppHealth(String application, String state, boolean live, boolean ready) {

    public AppHealth {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(state, "state");
    }

    /** An application that is not started yet: alive (it is on its way), not ready. */
    public static AppHealth starting(final String application) {
        return new AppHealth(application, "STARTING", true, false);
    }
}
