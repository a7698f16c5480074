package io.pixelgate.enricher;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/** The send-enricher application: registers its schemas and runs {@link SendEnricherTopology}. */
public final class SendEnricherApplication implements PixelgateApplication {

    @Override
    public String name() {
        return "send-enricher";
    }

    @Override
    public String description() {
        return "send requests in; tracking decision, pixel, tracked links and preferences footer out";
    }

    @Override
    public int startOrder() {
        return 20;
    }

    @Override
    public Running start(final PixelgateRuntime runtime, final Duration timeout) {
        final EnricherSettings settings = EnricherSettings.from(runtime.config());
        final Topics topics = runtime.topics();
        runtime.registerSchemas(List.of(topics.sendRequests(), topics.projectSettings(), topics.consentState(),
                topics.trackedSends(), topics.rejected()));
        final StreamsApp app = StreamsApp.start(name(), SendEnricherTopology.build(topics, settings, decisionMeter(runtime)),
                streamsConfig(runtime), timeout);
        return app;
    }

    /** {@code pixelgate_decisions_total{application,mode,reason}}. */
    private Consumer<TrackingDecision> decisionMeter(final PixelgateRuntime runtime) {
        return decision -> runtime.meters().counter(name(), "pixelgate.decisions", "Tracking decisions, by mode and reason",
                "mode", decision.mode().name(), "reason", decision.reason().name()).increment();
    }

    /** The platform's Streams configuration for this application's id. */
    public static Properties streamsConfig(final PixelgateRuntime runtime) {
        return StreamsApp.streamsConfig(runtime, SendEnricherTopology.APPLICATION_ID);
    }
}
