package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.List;
import org.apache.kafka.streams.Topology;

/** The consent-events application: consent changes in; consent state, proof ledger and rejected out. */
public final class ConsentEventsApplication extends StreamsApplication<ConsentSettings> {

    public static final String APPLICATION_ID = "pixelgate-consent-events";

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
    public List<Setting<?>> settings() {
        return ConsentSettings.SETTINGS;
    }

    @Override
    public String applicationId() {
        return APPLICATION_ID;
    }

    @Override
    public List<Topic<?>> reads(final Topics topics) {
        return List.of(topics.consentChanges());
    }

    @Override
    public List<Topic<?>> writes(final Topics topics) {
        return List.of(topics.consentState(), topics.consentLedger(), topics.rejected());
    }

    @Override
    public ConsentSettings readSettings(final PixelgateConfig config) {
        return ConsentSettings.from(config);
    }

    @Override
    public Topology topology(final PixelgateRuntime runtime, final ConsentSettings settings) {
        return ConsentTopology.build(runtime.topics(), settings);
    }
}
