package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * The consent-events application: consent changes and erasure requests in; consent state, proof
 * ledger, profile keys, purge-log and rejected out.
 */
public final class ConsentEventsApplication extends StreamsApplication<ConsentSettings> {

    public static final String APPLICATION_ID = "pixelgate-consent-events";

    @Override
    public String name() {
        return "consent-events";
    }

    @Override
    public String description() {
        return "consent changes and erasure requests in; consent state, proof ledger, profile keys, purge-log and "
                + "rejected out";
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
        return List.of(topics.consentChanges(), topics.erasureRequests());
    }

    @Override
    public List<Topic<?>> writes(final Topics topics) {
        return List.of(topics.consentState(), topics.consentLedger(), topics.profileKeys(), topics.purgeLog(),
                topics.rejected());
    }

    @Override
    public ConsentSettings readSettings(final PixelgateConfig config) {
        return ConsentSettings.from(config);
    }

    /** Learns the partition count of consent-changes, for the repartition of erasure requests. */
    @Override
    protected ConsentSettings prepare(final PixelgateRuntime runtime, final ConsentSettings settings) {
        final Topic<?> changes = runtime.topics().consentChanges();
        final Integer partitions = TopicProvisioner.partitionCounts(runtime, List.of(changes)).get(changes.name());
        if (partitions == null) {
            throw new IllegalStateException(changes.name() + " does not exist: create Pixelgate's topics first "
                    + "(the applications' launcher does)");
        }
        return settings.withErasurePartitions(partitions);
    }

    @Override
    public Topology topology(final PixelgateRuntime runtime, final ConsentSettings settings) {
        return ConsentTopology.build(runtime.topics(), settings);
    }
}
