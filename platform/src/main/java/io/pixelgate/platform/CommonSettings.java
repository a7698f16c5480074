package io.pixelgate.platform;

import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.TokenKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The settings every application reads (the README's first settings table). */
public final class CommonSettings {

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("bootstrap.servers", "localhost:9092",
            "Kafka");
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.text("schema.registry.url",
            "http://localhost:8081", "any Confluent-API registry (Confluent, Karapace, Redpanda, Apicurio "
                    + "`/apis/ccompat/v7`)");
    public static final Setting<String> TOPIC_PREFIX = Setting.text("topic.prefix", Topics.DEFAULT_PREFIX,
            "prefix of every topic name");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("topic.partitions", 3,
            "partitions of topics Pixelgate creates (must match across co-partitioned topics)").between(1, 10_000);
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = Setting.integer("topic.replication.factor", 1,
            "replication of created topics and internal topics").between(1, 100);
    public static final Setting<Duration> PERSONAL_RETENTION = Setting.duration("topic.personal.retention",
            Duration.ofDays(1), "longest a record stays in the delete-policy topics that hold personal data in the "
                    + "clear (consent-changes, erasure-requests, send-requests, tracked-sends, open-hits, click-hits, "
                    + "deliveries, rejected), the bound within which an erasure leaves no readable copy: they get "
                    + "`segment.ms` of an eighth of it and `retention.ms` of the rest, on existing topics too. An "
                    + "application stopped for longer loses the input it missed")
            .positive();
    public static final Setting<String> STATE_DIR = Setting.text("state.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "pixelgate-state").toString(), "Kafka Streams state")
            .documentedAs("$TMPDIR/pixelgate-state");
    public static final Setting<TokenKeys> TOKEN_KEYS = Setting.of("token.keys", null,
            "token key ring `id:base64key,...`, first one active; the same on the send-enricher, the edge and the "
                    + "open-aggregator", "must be a key ring id:base64key,... (`dev` generates one)",
            CommonSettings::keyRing).secret();
    public static final Setting<URI> EDGE_PUBLIC_URL = Setting.of("edge.public.url", "http://localhost:8080",
            "base of pixel, link and preferences URLs (send-enricher and edge); a project's `trackingBaseUrl` wins",
            "must be an absolute http:// or https:// URL where mail clients reach the edge, e.g. "
                    + "https://t.example.com", CommonSettings::httpUrl);

    /** Prefix of keys passed through to Kafka Streams as they are, e.g. {@code streams.num.stream.threads}. */
    public static final String STREAMS_PREFIX = "streams.";

    /** The settings above, and the input limits and operations endpoint every application has. */
    public static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, TOPIC_PREFIX,
            TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, PERSONAL_RETENTION, STATE_DIR, TOKEN_KEYS, EDGE_PUBLIC_URL);

    private CommonSettings() {
    }

    private static TokenKeys keyRing(final String text) {
        try {
            return TokenKeys.parse(text);
        } catch (final IllegalArgumentException e) {
            // keep the key ring out of the message: it is a secret
            throw new IllegalArgumentException(e.getMessage().replace(text, "<the key ring>"));
        }
    }

    private static URI httpUrl(final String text) {
        try {
            final URI uri = new URI(text);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (final URISyntaxException e) {
            // refused below, with the rule
        }
        throw new IllegalArgumentException(text);
    }
}
