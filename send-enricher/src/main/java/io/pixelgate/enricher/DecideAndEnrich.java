package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topic;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Looks up the project's settings in the global store (null: defaults), then wires the two plain
 * functions, {@link TrackingDecision#decideByEntry} and {@link SendEnrichment#enrich}, and keys the tracked
 * send by messageId as SPEC.md says. It writes no store, so a send it refuses (too many links, a
 * tracked version too large) leaves nothing behind: {@code RejectingExceptionHandler} routes it.
 */
final class DecideAndEnrich implements Processor<String, SendContext, String, byte[]> {

    private final Topic<TrackedSend> output;
    private final SendEnrichment enrichment;
    private final Consumer<TrackingDecision> decided;
    private final ProjectSettings defaults = ProjectDefaults.orDefaults(null);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ProjectSettings> projects;

    /** {@code decided} is told every decision (the operations endpoint's counters). */
    DecideAndEnrich(final Topic<TrackedSend> output, final SendEnrichment enrichment,
                    final Consumer<TrackingDecision> decided) {
        this.output = output;
        this.enrichment = enrichment;
        this.decided = decided;
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.projects = EnricherStores.projects(context);
    }

    @Override
    public void process(final Record<String, SendContext> record) {
        final SendContext send = record.value();
        final ProjectSettings found = projects.get(send.send().getProjectId());
        final ProjectSettings settings = found != null ? found : defaults;
        final TrackingDecision decision = TrackingDecision.decideByEntry(send.send(), send.openMeasurement(), settings);
        final TrackedSend tracked = enrichment.enrich(send.send(), decision, settings,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        // Encoded here, so that one too large for tracked-sends rejects the send (with the reason)
        // instead of failing the producer; the source header has served its purpose by now.
        final byte[] encoded = Outputs.encode(output, tracked.getMessageId(), tracked);
        decided.accept(decision);
        context.forward(record.withKey(tracked.getMessageId()).withValue(encoded).withHeaders(new RecordHeaders()));
    }
}
