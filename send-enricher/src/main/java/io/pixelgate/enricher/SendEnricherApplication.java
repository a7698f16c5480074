package io.pixelgate.enricher;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.Topology;

/** The send-enricher application: send requests in; tracking decision, pixel, tracked links and footer out. */
public final class SendEnricherApplication extends StreamsApplication<EnricherSettings> {

    public static final String APPLICATION_ID = "pixelgate-send-enricher";

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
    public List<Setting<?>> settings() {
        return EnricherSettings.SETTINGS;
    }

    @Override
    public String applicationId() {
        return APPLICATION_ID;
    }

    @Override
    public List<Topic<?>> reads(final Topics topics) {
        return List.of(topics.sendRequests(), topics.projectSettings(), topics.projectSettingsAccepted(),
                topics.consentState());
    }

    @Override
    public List<Topic<?>> writes(final Topics topics) {
        return List.of(topics.trackedSends(), topics.projectSettingsAccepted(), topics.rejected());
    }

    @Override
    public EnricherSettings readSettings(final PixelgateConfig config) {
        return EnricherSettings.from(config);
    }

    @Override
    public Topology topology(final PixelgateRuntime runtime, final EnricherSettings settings) {
        return SendEnricherTopology.build(runtime.topics(), settings, decisionMeter(runtime));
    }

    /** {@code pixelgate_decisions_total{application,mode,reason}}. */
    private Consumer<TrackingDecision> decisionMeter(final PixelgateRuntime runtime) {
        return decision -> runtime.meters().counter(name(), "pixelgate.decisions", "Tracking decisions, by mode and reason",
                "mode", decision.mode().name(), "reason", decision.reason().name()).increment();
    }
}
