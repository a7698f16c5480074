package io.pixelgate.platform;

import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.ops.AppHealth;
import io.pixelgate.platform.ops.Meters;
import io.pixelgate.platform.ops.OutputCounting;
import io.pixelgate.platform.ops.OutputCountingInterceptor;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.pixelgate.schemas.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Pixelgate Kafka Streams application: builds its Streams configuration (exactly-once,
 * explicit internal names, the rejecting exception handler), starts it, waits for RUNNING and
 * closes it leaving the group, so that a restart does not wait for a session time-out. Its health
 * is its Streams client's state; its meters (Kafka Streams' own, and what it writes, counted by
 * {@link OutputCounting}) go to the runtime's {@link Meters}, which travel in the Streams configs.
 */
public final class StreamsApp implements PixelgateApplication.Running {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Config key holding the runtime's {@link Meters}. */
    static final String METERS_CONFIG = "pixelgate.meters";

    private final String name;
    private final KafkaStreams streams;
    private final AutoCloseable streamsMetrics;
    private volatile boolean closing;

    private StreamsApp(final String name, final KafkaStreams streams, final AutoCloseable streamsMetrics) {
        this.name = name;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * The Streams configuration of application {@code applicationId}. Keys under {@code streams.}
     * in the Pixelgate configuration override these defaults.
     */
    public static Properties streamsConfig(final PixelgateRuntime runtime, final String applicationId) {
        return streamsConfig(runtime, applicationId, Map.of());
    }

    /**
     * The Streams configuration of application {@code applicationId}, with the application's own
     * defaults ({@code appDefaults}, Streams keys) over the shared ones. Keys under {@code streams.}
     * in the Pixelgate configuration override both.
     */
    public static Properties streamsConfig(final PixelgateRuntime runtime, final String applicationId,
                                           final Map<String, Object> appDefaults) {
        final PixelgateConfig config = runtime.config();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(CommonSettings.TOPIC_PREFIX.from(config), applicationId));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, CommonSettings.BOOTSTRAP_SERVERS.from(config));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, CommonSettings.STATE_DIR.from(config));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, CommonSettings.TOPIC_REPLICATION_FACTOR.from(config));
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingProductionHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingDeserializationHandler.class);
        props.put(RejectingExceptionHandler.REJECTED_TOPIC_CONFIG, runtime.topics().rejected());
        props.put(PoisonRecords.CONFIG, new PoisonRecords());
        // The largest record any application writes is a tracked send; internal topics (repartitions,
        // changelogs) take what inputs within their limits become, and roll as often as the compacted
        // output topics do. The cleaner's deadline (max.compaction.lag.ms) cannot be set here for all
        // of them: a versioned store's changelog keeps its history with a minimum lag of its own, and
        // the two must not conflict; stores holding per-profile data set it themselves
        // (TopicSpec.changelogConfigs()).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                TopicSpec.TRACKED_SEND_MAX_MESSAGE_BYTES + 64 * 1024);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(TopicSpec.INPUT_MAX_MESSAGE_BYTES));
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), Long.toString(TopicSpec.COMPACT_SEGMENT_MS));
        props.put(StreamsConfig.topicPrefix(TopicConfig.DELETE_RETENTION_MS_CONFIG),
                Long.toString(TopicSpec.TOMBSTONE_RETENTION_MS));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(METERS_CONFIG, runtime.meters());
        props.put(OutputCountingInterceptor.COUNTING_CONFIG, new OutputCounting(runtime.topics(), runtime.meters()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                OutputCountingInterceptor.class.getName());
        props.putAll(appDefaults);
        props.putAll(config.withPrefix(CommonSettings.STREAMS_PREFIX));
        return props;
    }

    /**
     * The application id for a deployment with topic prefix {@code prefix}: as given for the default
     * prefix, else led by the prefix, so that two deployments sharing a cluster under different
     * prefixes never share consumer groups, changelogs or repartition topics.
     */
    static String applicationId(final String prefix, final String applicationId) {
        return Topics.DEFAULT_PREFIX.equals(prefix) ? applicationId
                : prefix.replaceAll("[^A-Za-z0-9_-]", "-") + applicationId;
    }

    /**
     * Starts {@code topology} and waits up to {@code timeout} for it to be RUNNING. Meters (when
     * {@code props} come from {@link #streamsConfig}) carry the tag {@code application=name}.
     */
    public static StreamsApp start(final String name, final Topology topology, final Properties props,
                                   final Duration timeout) {
        final Properties named = new Properties();
        named.putAll(props);
        named.put(OutputCountingInterceptor.APPLICATION_CONFIG, name);
        final KafkaStreams streams = new KafkaStreams(topology, named, new AbortFencingClientSupplier());
        final Meters meters = (Meters) props.get(METERS_CONFIG);
        final AutoCloseable streamsMetrics = meters == null ? () -> { } : meters.bindStreams(name, streams);
        final CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("{}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        // A thread that dies on an unexpected error is replaced; its records are retried.
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("{}: stream thread failed, replacing it", name, error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        try {
            awaitRunning(name, streams, running, timeout);
        } catch (final RuntimeException e) {
            closeQuietly(streamsMetrics);
            throw e;
        }
        return new StreamsApp(name, streams, streamsMetrics);
    }

    private static void awaitRunning(final String name, final KafkaStreams streams, final CountDownLatch running,
                                     final Duration timeout) {
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT));
                throw new IllegalStateException(name + " did not reach RUNNING within " + timeout
                        + " (state " + streams.state() + "); check bootstrap.servers and the broker's log");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Ready when RUNNING. Dead (not live) when Streams gave up (ERROR, or on its way there) or stopped
     * without being asked to: a restart is the only way back. REBALANCING is alive and not ready.
     */
    @Override
    public AppHealth health() {
        return health(name, streams.state(), closing);
    }

    static AppHealth health(final String name, final KafkaStreams.State state, final boolean closing) {
        final boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        final boolean stopped = !closing && (state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_SHUTDOWN);
        return new AppHealth(name, state.name(), !failed && !stopped, state == KafkaStreams.State.RUNNING);
    }

    /** Closes and leaves the consumer group, so that the next start rebalances at once. */
    @Override
    public void close() {
        LOG.info("{}: closing", name);
        closing = true;
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        closeQuietly(streamsMetrics);
    }

    private static void closeQuietly(final AutoCloseable resource) {
        try {
            resource.close();
        } catch (final Exception e) {
            LOG.debug("could not unbind meters: {}", e.toString());
        }
    }
}
