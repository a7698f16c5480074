package io.pixelgate.bench.aggregator;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.TokenCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's traffic, as the edge would write it: profiles with and without consent, opens and
 * clicks from mail clients, Apple's proxy, Gmail's proxy and a scanner, anonymous pixels,
 * deliverability pixels and forged tokens.
 *
 * <p>Profiles 0 to 49% grant OPEN_MEASUREMENT and ENGAGEMENT_PROFILING, 50 to 74% only
 * OPEN_MEASUREMENT, the rest nothing. Each profile has {@link #MESSAGES_PER_PROFILE} messages.
 */
final class BenchHits {

    static final int MESSAGES_PER_PROFILE = 5;
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
        "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    };

    private final TokenCodec codec;
    private final int profiles;
    private final Instant sentAt;
    private final Random random;
    private final List<CampaignIdentity> campaigns = new ArrayList<>();
    private final Set<String> trackedMessages = new HashSet<>();

    BenchHits(final TokenCodec codec, final int profiles, final Instant sentAt, final long seed) {
        this.codec = codec;
        this.profiles = profiles;
        this.sentAt = sentAt;
        this.random = new Random(seed);
        for (int c = 0; c < 10; c++) {
            campaigns.add(new CampaignIdentity("bench-" + c, c % 2 == 0 ? "A" : "B", "default"));
        }
    }

    /** Profile ids shaped like the UUIDs a CRM gives, so that store sizes are realistic. */
    static String profileId(final int index) {
        return String.format("%08x-0000-4000-8000-%012x", index, index);
    }

    /** Whether profile {@code index} grants ENGAGEMENT_PROFILING. */
    boolean profiled(final int index) {
        return index < profiles / 2;
    }

    /** Whether profile {@code index} grants OPEN_MEASUREMENT. */
    boolean measured(final int index) {
        return index < profiles * 3 / 4;
    }

    /** The consent state of a profile that grants something, or null. */
    ConsentState consent(final int index, final Instant since, final ConsentStatus status) {
        if (!measured(index)) {
            return null;
        }
        final List<PurposeConsent> entries = new ArrayList<>();
        for (final Purpose purpose : profiled(index) ? List.of(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING)
                : List.of(Purpose.OPEN_MEASUREMENT)) {
            entries.add(PurposeConsent.newBuilder().setPurpose(purpose).setStatus(status).setSince(since)
                    .setEventId("bench-" + index + "-" + since.toEpochMilli())
                    .setWordingVersion(status == ConsentStatus.GRANTED ? "bench-v1" : null).setExpiresAt(null).build());
        }
        return ConsentState.newBuilder().setProfileId(profileId(index)).setPurposes(entries).setUpdatedAt(since).build();
    }

    /** Produces every granting profile's consent state. */
    void produceConsents(final Producer<String, byte[]> producer, final Topics topics, final Instant since) {
        for (int p = 0; p < profiles; p++) {
            final ConsentState state = consent(p, since, ConsentStatus.GRANTED);
            if (state != null) {
                send(producer, topics.consentState(), state.getProfileId(), state);
            }
        }
    }

    /** Produces one random hit, received at {@code at}. */
    void produceHit(final Producer<String, byte[]> producer, final Topics topics, final Instant at) {
        final int dice = random.nextInt(100);
        final boolean open = random.nextInt(4) != 0;
        final CampaignIdentity campaign = campaigns.get(random.nextInt(campaigns.size()));
        final String key;
        final String token;
        if (dice < 5) {
            key = "invalid";
            token = "forged" + random.nextInt();
        } else if (dice < 13) {
            key = campaign.campaignId();
            token = codec.issue(open ? new AnonymousPixel(campaign) : new Link(campaign, 0, "https://shop.example/"));
        } else {
            final int profile = random.nextInt(profiles);
            final MessageIdentity message = new MessageIdentity(
                    profileId(profile) + "-m" + random.nextInt(MESSAGES_PER_PROFILE), profileId(profile), campaign,
                    dice < 20 ? IdentifiedMode.DELIVERABILITY : IdentifiedMode.PERSONAL, sentAt.toEpochMilli());
            key = message.profileId();
            if (measured(profile) && message.mode() == IdentifiedMode.PERSONAL) {
                trackedMessages.add(message.messageId());
            }
            token = codec.issue(open ? new PersonalPixel(message)
                    : new Link(message, random.nextInt(4), "https://shop.example/" + random.nextInt(4)));
        }
        produceHit(producer, topics, key, token, open, at);
    }

    /** Distinct messages the aggregator keeps a dedupe entry for, among the hits produced so far. */
    int trackedMessages() {
        return trackedMessages.size();
    }

    /** An open of one of the profile's messages, from a person. */
    void produceOpen(final Producer<String, byte[]> producer, final Topics topics, final int profile,
                     final Instant at) {
        final MessageIdentity message = new MessageIdentity(profileId(profile) + "-m0", profileId(profile),
                campaigns.get(0), IdentifiedMode.PERSONAL, sentAt.toEpochMilli());
        final Hit hit = Hit.newBuilder().setHitId(Long.toHexString(random.nextLong())).setKind(HitKind.OPEN)
                .setToken(codec.issue(new PersonalPixel(message))).setReceivedAt(at).setUserAgent(AGENTS[0])
                .setNetwork(null).setIpPrefix("203.0.113.0/24").build();
        send(producer, topics.openHits(), message.profileId(), hit);
    }

    private void produceHit(final Producer<String, byte[]> producer, final Topics topics, final String key,
                            final String token, final boolean open, final Instant at) {
        final int client = random.nextInt(20);
        final String network = client < 2 ? "apple-mpp" : null;
        final String agent = client < 2 ? "Mozilla/5.0" : AGENTS[client < 14 ? client % 2 : client < 18 ? 2 : 3];
        final Hit hit = Hit.newBuilder().setHitId(Long.toHexString(random.nextLong()))
                .setKind(open ? HitKind.OPEN : HitKind.CLICK).setToken(token)
                .setReceivedAt(at.plus(Duration.ofMillis(random.nextInt(1000)))).setUserAgent(agent)
                .setNetwork(network).setIpPrefix("203.0.113.0/24").build();
        send(producer, open ? topics.openHits() : topics.clickHits(), key, hit);
    }

    static <V extends SpecificRecord> void send(final Producer<String, byte[]> producer,
                                                                        final Topic<V> topic, final String key,
                                                                        final V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().encode(topic.name(), value)));
    }
}
