package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.List;

/** The consent-events application: registers its schemas and runs {@link ConsentTopology}. */
public final class ConsentEventsApplication implements PixelgateApplication {

    @Override
    public String name() {
        return "consent-events";
    }

    @Override
    public String description() {
        return "consent changes in; consent state, proof ledger and rejected out";
    }

    @Override
    public int startOrder() {
        return 10;
    }

    @Override
    public Running start(final PixelgateRuntime runtime, final Duration timeout) {
        final Topics topics = runtime.topics();
        runtime.registerSchemas(List.of(topics.consentChanges(), topics.consentState(), topics.consentLedger(),
                topics.rejected()));
        final StreamsApp app = StreamsApp.start(name(), ConsentTopology.build(topics),
                StreamsApp.streamsConfig(runtime, ConsentTopology.APPLICATION_ID), timeout);
        return app;
    }
}
