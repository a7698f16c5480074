package io.pixelgate.platform;

import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics with the cleanup policy and retention SPEC.md gives them. Of existing
 * topics, the partition count and the retention of topics without personal data in the clear are an
 * operator's decision and stay; what Pixelgate's rules depend on is brought in line, logged: a
 * {@code max.message.bytes} below the spec's is raised (else records within the input limits would
 * be refused), topics users write take {@code LogAppendTime} (event times are bounded by arrival),
 * compacted topics the segment and cleaner settings that bound how long purged values stay readable,
 * and topics that hold personal data in the clear the retention that bounds how long erased data
 * stays readable ({@code topic.personal.retention}).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Creates each of {@code topics} that does not exist yet on the runtime's cluster, with the
     * runtime's {@code topic.partitions} and {@code topic.replication.factor}; returns the names created.
     */
    public static List<String> ensure(final PixelgateRuntime runtime, final Collection<Topic<?>> topics) {
        final PixelgateConfig config = runtime.config();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CommonSettings.BOOTSTRAP_SERVERS.from(config)))) {
            return ensure(admin, topics, CommonSettings.TOPIC_PARTITIONS.from(config),
                    CommonSettings.TOPIC_REPLICATION_FACTOR.from(config).shortValue());
        }
    }

    /**
     * The partition count of each of {@code topics} that exists on the runtime's cluster, by topic
     * name; topics not created yet are absent.
     */
    public static Map<String, Integer> partitionCounts(final PixelgateRuntime runtime,
                                                       final Collection<Topic<?>> topics) {
        final List<String> names = topics.stream().map(Topic::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CommonSettings.BOOTSTRAP_SERVERS.from(runtime.config())))) {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> present = names.stream().filter(existing::contains).toList();
            final Map<String, Integer> counts = new HashMap<>();
            admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS)
                    .forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + names, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + names + " (check bootstrap.servers): " + e, e);
        }
    }

    /** Creates each of {@code topics} that does not exist yet; returns the names created. */
    public static List<String> ensure(final Admin admin, final Collection<Topic<?>> topics, final int partitions,
                                      final short replicationFactor) {
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            final List<Topic<?>> present = new ArrayList<>();
            for (final Topic<?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.spec().configs()));
                } else {
                    present.add(topic);
                }
            }
            reconcile(admin, present);
            if (missing.isEmpty()) {
                return List.of();
            }
            createAll(admin, missing);
            final List<String> created = missing.stream().map(NewTopic::name).toList();
            LOG.info("created topics {} ({} partitions, replication {})", created, partitions, replicationFactor);
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics (check bootstrap.servers and that the "
                    + "broker is up): " + e.getMessage(), e);
        }
    }

    /** Brings the settings Pixelgate's rules depend on in line on topics that exist already. */
    private static void reconcile(final Admin admin, final List<Topic<?>> present)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (present.isEmpty()) {
            return;
        }
        final Map<ConfigResource, Topic<?>> byResource = new HashMap<>();
        present.forEach(topic -> byResource.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic));
        final Map<ConfigResource, Config> current = admin.describeConfigs(byResource.keySet()).all()
                .get(30, TimeUnit.SECONDS);
        final Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        current.forEach((resource, config) -> {
            final List<AlterConfigOp> ops = differences(byResource.get(resource).spec(), config);
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
                LOG.info("topic {}: setting {}", resource.name(), ops.stream()
                        .map(op -> op.configEntry().name() + "=" + op.configEntry().value()).toList());
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The config changes that bring an existing topic with {@code config} in line with {@code spec}. */
    static List<AlterConfigOp> differences(final TopicSpec spec, final Config config) {
        final Map<String, String> wanted = new HashMap<>();
        final ConfigEntry maxBytes = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (maxBytes == null || Long.parseLong(maxBytes.value()) < spec.maxMessageBytes()) {
            wanted.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(spec.maxMessageBytes()));
        }
        spec.configs().forEach((name, value) -> {
            // The retention of a topic holding personal data in the clear is the erasure bound, not
            // an operator's choice of the topic alone: topic.personal.retention sets it.
            final boolean governed = name.equals(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)
                    || spec.compact() && TopicSpec.compactionConfigs().containsKey(name)
                    || spec.personal() && spec.boundedRetentionConfigs().containsKey(name);
            final ConfigEntry entry = config.get(name);
            if (governed && (entry == null || !value.equals(entry.value()))) {
                wanted.put(name, value);
            }
        });
        return wanted.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
    }

    private static void createAll(final Admin admin, final List<NewTopic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            // Another application created some of them first: what matters is that they exist.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
