package io.pixelgate.bench.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.Topic;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records the benchmark feeds: sends to a population of profiles (a share of them with
 * OPEN_MEASUREMENT granted), as a send service would write them, and their consent states.
 */
final class BenchRecords {

    /** Every fourth send is transactional; the rest are marketing. */
    private static final int TRANSACTIONAL_EVERY = 4;

    private final int profiles;
    private final String html;
    private final Instant start;

    /**
     * @param profiles  how many recipients the sends go to, round robin
     * @param htmlBytes the size of each send's HTML body; 0 for none
     * @param start     requestedAt of the first send; each next one is 1 ms later
     */
    BenchRecords(final int profiles, final int htmlBytes, final Instant start) {
        this.profiles = profiles;
        this.html = htmlBytes == 0 ? null : html(htmlBytes);
        this.start = start;
    }

    static String profileId(final int index) {
        return "profile-" + index;
    }

    /** Send {@code index}, requested {@code index} ms after the start. */
    SendRequest send(final long index) {
        return send(index, start.plusMillis(index));
    }

    SendRequest send(final long index, final Instant requestedAt) {
        return SendRequest.newBuilder()
                .setMessageId("message-" + index)
                .setProfileId(profileId((int) (index % profiles)))
                .setCampaignId("campaign-" + index % 10)
                .setVariant(index % 2 == 0 ? "A" : "B")
                .setCategory(index % TRANSACTIONAL_EVERY == 0 ? SendCategory.TRANSACTIONAL : SendCategory.MARKETING)
                .setProjectId("default")
                .setRequestedAt(requestedAt)
                .setHtml(html)
                .build();
    }

    /** OPEN_MEASUREMENT granted a day before the start for every other profile, denied for the rest. */
    ConsentState consent(final int profile) {
        final ConsentStatus status = profile % 2 == 0 ? ConsentStatus.GRANTED : ConsentStatus.DENIED;
        final PurposeConsent open = PurposeConsent.newBuilder()
                .setPurpose(Purpose.OPEN_MEASUREMENT)
                .setStatus(status)
                .setSince(start.minusSeconds(86_400))
                .setEventId("consent-" + profile)
                .setWordingVersion(status == ConsentStatus.GRANTED ? "tracking-v3" : null)
                .setExpiresAt(null)
                .build();
        return ConsentState.newBuilder().setProfileId(profileId(profile)).setPurposes(List.of(open))
                .setUpdatedAt(start).build();
    }

    /**
     * Writes every profile's consent state, then {@code count} sends keyed by messageId, as most send
     * services write them, or by profileId ({@code keyedByProfile}: the producer then places each in
     * its profile's partition, where the enricher joins it without the shuffle), and waits until all
     * are acknowledged.
     */
    void produce(final KafkaProducer<String, byte[]> producer, final Topic<ConsentState> consentState,
                 final Topic<SendRequest> sends, final long count, final boolean keyedByProfile,
                 final LongConsumer progress) {
        for (int profile = 0; profile < profiles; profile++) {
            producer.send(new ProducerRecord<>(consentState.name(), profileId(profile),
                    consentState.valueSerde().encode(consentState.name(), consent(profile))));
        }
        for (long i = 0; i < count; i++) {
            final SendRequest send = send(i);
            producer.send(new ProducerRecord<>(sends.name(), keyedByProfile ? send.getProfileId() : send.getMessageId(),
                    sends.valueSerde().encode(sends.name(), send)));
            if (i % 10_000 == 0) {
                progress.accept(i);
            }
        }
        producer.flush();
        progress.accept(count);
    }

    /** A marketing email of about {@code bytes} bytes, with a link every 2 KB or so. */
    static String html(final int bytes) {
        final StringBuilder body = new StringBuilder(bytes + 256).append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>Spring sale</title><style>td{font-family:Arial,sans-serif;font-size:14px}</style></head><body>"
                + "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
        int row = 0;
        while (body.length() < bytes - 40) {
            body.append("<tr><td><p>Spring offers, row ").append(row).append(": everything you liked last season, ")
                    .append("now lighter on the wallet. Free returns for thirty days.</p>");
            if (row % 10 == 0) {
                body.append("<a href=\"https://shop.example/spring/item-").append(row)
                        .append("?utm_source=email&amp;utm_campaign=spring\">See item ").append(row).append("</a>");
            }
            body.append("</td></tr>");
            row++;
        }
        return body.append("</table></body></html>").toString();
    }

}
