package io.pixelgate.enricher;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The send-enricher application: send requests in; tracking decision, pixel, tracked links and footer out. */
public final class SendEnricherApplication extends StreamsApplication<EnricherSettings> {

    public static final String APPLICATION_ID = "pixelgate-send-enricher";

    private static final Logger LOG = LoggerFactory.getLogger(SendEnricherApplication.class);

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
        return SendEnricherTopology.build(runtime.topics(), settings, decisionMeter(runtime), routeMeter(runtime));
    }

    /**
     * Sends keyed by profileId skip the shuffle when send-requests and consent-state have one
     * partition count (the join then reads both from the same task); with different counts, or
     * topics not created yet, every send is shuffled, as Streams would refuse to co-partition them.
     */
    @Override
    protected EnricherSettings prepare(final PixelgateRuntime runtime, final EnricherSettings settings) {
        final Topics topics = runtime.topics();
        final Map<String, Integer> counts = TopicProvisioner.partitionCounts(runtime,
                List.of(topics.sendRequests(), topics.consentState()));
        final Integer sends = counts.get(topics.sendRequests().name());
        if (sends == null || !sends.equals(counts.get(topics.consentState().name()))) {
            LOG.warn("every send is shuffled by profileId: {} and {} do not have one partition count ({}), so sends "
                    + "keyed by profileId cannot be joined where they are read", topics.sendRequests().name(),
                    topics.consentState().name(), counts);
            return settings;
        }
        LOG.info("sends keyed by profileId in that key's partition of {} are joined in place ({} partitions)",
                topics.sendRequests().name(), sends);
        return settings.withSendsInPlace(sends);
    }

    /** {@code pixelgate_send_routes_total{application,route}}: sends joined in place or shuffled first. */
    private Consumer<SendRoute> routeMeter(final PixelgateRuntime runtime) {
        return route -> runtime.meters().counter(name(), "pixelgate.send.routes",
                "Sends joined where they were read or shuffled by profileId first", "route",
                route.tag()).increment();
    }

    /** {@code pixelgate_decisions_total{application,mode,reason}}. */
    private Consumer<TrackingDecision> decisionMeter(final PixelgateRuntime runtime) {
        return decision -> runtime.meters().counter(name(), "pixelgate.decisions", "Tracking decisions, by mode and reason",
                "mode", decision.mode().name(), "reason", decision.reason().name()).increment();
    }
}
