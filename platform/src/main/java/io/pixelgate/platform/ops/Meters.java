package io.pixelgate.platform.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of one process, served in the Prometheus text format on {@code /metrics}. In
 * {@code dev} every application shares one, so each meter an application adds carries the tag
 * {@value #APPLICATION_TAG}; JVM meters describe the process and carry none.
 */
public final class Meters {

    /** The tag naming the application a meter belongs to. */
    public static final String APPLICATION_TAG = "application";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean jvmBound = new AtomicBoolean();
    /** Counters by name, application and tags: processors count at every record, and registering is not cheap. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A counter of {@code application}, e.g. {@code counter("send-enricher", "pixelgate.decisions",
     * "...", "mode", "PERSONAL")}; the same name and tags give the same counter, registered once
     * (building and registering a meter id at every record was 5% of the send-enricher's CPU per send).
     */
    public Counter counter(final String application, final String name, final String description,
                           final String... tags) {
        final String[] key = new String[tags.length + 2];
        key[0] = name;
        key[1] = application;
        System.arraycopy(tags, 0, key, 2, tags.length);
        return counters.computeIfAbsent(Arrays.asList(key), ignored -> Counter.builder(name).description(description)
                .tags(Tags.of(tags).and(APPLICATION_TAG, application)).register(registry));
    }

    /** Kafka Streams' own metrics (threads, tasks, stores, and its clients'), until the returned binder is closed. */
    public AutoCloseable bindStreams(final String application, final KafkaStreams streams) {
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of(APPLICATION_TAG, application));
        metrics.bindTo(registry);
        return metrics;
    }

    /** A plain producer's metrics, until the returned binder is closed. */
    public AutoCloseable bindProducer(final String application, final Producer<?, ?> producer) {
        final KafkaClientMetrics metrics = new KafkaClientMetrics(producer, Tags.of(APPLICATION_TAG, application));
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Memory, garbage collection, threads, classes, CPU and uptime of this JVM, bound once when an
     * operations endpoint starts (not per runtime: a test JVM makes hundreds of runtimes).
     */
    public void bindJvm() {
        if (jvmBound.compareAndSet(false, true)) {
            final MeterBinder[] binders = {new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics()};
            for (final MeterBinder binder : binders) {
                binder.bindTo(registry);
            }
        }
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
