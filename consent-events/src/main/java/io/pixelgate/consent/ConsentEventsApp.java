package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.List;

/** Starts the consent-events application: registers its schemas and runs its topology. */
public final class ConsentEventsApp {

    private ConsentEventsApp() {
    }

    public static StreamsApp start(final PixelgateRuntime runtime, final Duration timeout) {
        final Topics topics = runtime.topics();
        runtime.registerSchemas(List.of(topics.consentChanges(), topics.consentState(), topics.consentLedger(),
                topics.rejected()));
        return StreamsApp.start("consent-events", ConsentTopology.build(topics, runtime.maxInputValueBytes()),
                StreamsApp.streamsConfig(runtime, ConsentTopology.APPLICATION_ID), timeout);
    }
}
