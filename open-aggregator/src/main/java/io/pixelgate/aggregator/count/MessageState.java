package io.pixelgate.aggregator.count;

/**
 * What the aggregator remembers about one message of a profile with OPEN_MEASUREMENT granted: enough
 * to count unique opens and clicks once, and to recognise a scanner clicking through its links.
 * Kept until the dedupe horizon after the send, and deleted when OPEN_MEASUREMENT is withdrawn.
 *
 * @param flags            the {@code *_FLAG} bits
 * @param burstStartAt     epoch millis of the first click of the message's latest burst, 0 for none
 * @param burstLinks       links clicked in that burst, one bit per link index modulo 64
 * @param burstHumanClicks clicks of that burst counted human so far (reclassified if the burst completes)
 */
public record MessageState(int flags, long burstStartAt, long burstLinks, int burstHumanClicks) {

    /** A message nothing was seen of. */
    public static final MessageState NONE = new MessageState(0, 0, 0, 0);

    static final int OPENED = 1;
    static final int HUMAN_OPENED = 1 << 1;
    static final int CLICKED = 1 << 2;
    static final int HUMAN_CLICKED = 1 << 3;
    /** The latest burst reached the link count: its later clicks are a scanner's too. */
    static final int BURST_DETECTED = 1 << 4;
    /** HUMAN_CLICKED was set by a click of the latest burst, so it goes if the burst completes. */
    static final int BURST_MADE_HUMAN_CLICK = 1 << 5;
    /** HUMAN_OPENED was implied by a click of the latest burst, so it goes if the burst completes. */
    static final int BURST_MADE_HUMAN_OPEN = 1 << 6;
    static final int BURST_FLAGS = BURST_DETECTED | BURST_MADE_HUMAN_CLICK | BURST_MADE_HUMAN_OPEN;

    public boolean opened() {
        return has(OPENED);
    }

    public boolean humanOpened() {
        return has(HUMAN_OPENED);
    }

    public boolean clicked() {
        return has(CLICKED);
    }

    public boolean humanClicked() {
        return has(HUMAN_CLICKED);
    }

    boolean has(final int flag) {
        return (flags & flag) != 0;
    }

    MessageState with(final int flag) {
        return new MessageState(flags | flag, burstStartAt, burstLinks, burstHumanClicks);
    }

    MessageState without(final int flag) {
        return new MessageState(flags & ~flag, burstStartAt, burstLinks, burstHumanClicks);
    }

    MessageState withBurstHumanClicks(final int count) {
        return new MessageState(flags, burstStartAt, burstLinks, count);
    }
}
