package io.pixelgate.aggregator.message;

/**
 * What the aggregator remembers about one message of a profile with OPEN_MEASUREMENT granted: enough
 * to count unique opens and clicks once, and to recognise a machine from what else hit the message
 * (a burst over its links, an open and a click from one source at once, its honeypot link). Kept
 * until the dedupe horizon after the send, and deleted when OPEN_MEASUREMENT is withdrawn.
 *
 * <p>A source is a hash of the hit's network prefix and user agent, 0 when neither is known: it
 * tells "the same client again" within one message, and nothing about who the client is.
 *
 * @param flags            the flag bits below
 * @param burstStartAt     epoch millis of the first click of the message's latest burst, 0 for none
 * @param burstLinks       links clicked in that burst, one bit per link index modulo 64
 * @param burstHumanClicks clicks of that burst counted human so far (reclassified if the burst turns out a machine's)
 * @param burstSource      the source of that burst's first click
 * @param openAt           epoch millis of the message's latest open, 0 for none
 * @param openSource       the source of that open
 * @param honeypotSource   the source that followed the message's honeypot link (with {@link #HONEYPOT_SEEN})
 */
public record MessageState(int flags, long burstStartAt, long burstLinks, int burstHumanClicks, int burstSource,
                           long openAt, int openSource, int honeypotSource) {

    /** A message nothing was seen of. */
    public static final MessageState NONE = new MessageState(0, 0, 0, 0, 0, 0, 0, 0);

    static final int OPENED = 1;
    static final int HUMAN_OPENED = 1 << 1;
    static final int CLICKED = 1 << 2;
    static final int HUMAN_CLICKED = 1 << 3;
    /** The latest burst was found a machine's: its later clicks are a scanner's too. */
    static final int BURST_DETECTED = 1 << 4;
    /** HUMAN_CLICKED was set by a click of the latest burst, so it goes if the burst is a machine's. */
    static final int BURST_MADE_HUMAN_CLICK = 1 << 5;
    /** HUMAN_OPENED was implied by a click of the latest burst, so it goes if the burst is a machine's. */
    static final int BURST_MADE_HUMAN_OPEN = 1 << 6;
    static final int BURST_FLAGS = BURST_DETECTED | BURST_MADE_HUMAN_CLICK | BURST_MADE_HUMAN_OPEN;
    /** The latest open was counted human (taken back if a click from its source follows at once). */
    static final int LAST_OPEN_HUMAN = 1 << 7;
    /** HUMAN_OPENED was set by the latest open. */
    static final int LAST_OPEN_MADE_HUMAN_OPEN = 1 << 8;
    /** The honeypot link was followed, from {@link #honeypotSource}. */
    static final int HONEYPOT_SEEN = 1 << 9;
    /** Counted in appleMppOnlyMessages: opened by Apple's proxy, no human open seen yet. */
    static final int APPLE_ONLY = 1 << 10;

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
        return withFlags(flags | flag);
    }

    MessageState without(final int flag) {
        return withFlags(flags & ~flag);
    }

    private MessageState withFlags(final int newFlags) {
        return new MessageState(newFlags, burstStartAt, burstLinks, burstHumanClicks, burstSource, openAt, openSource,
                honeypotSource);
    }

    MessageState withBurstHumanClicks(final int count) {
        return new MessageState(flags, burstStartAt, burstLinks, count, burstSource, openAt, openSource, honeypotSource);
    }

    MessageState withBurst(final long startAt, final long links, final int humanClicks, final int source) {
        return new MessageState(flags, startAt, links, humanClicks, source, openAt, openSource, honeypotSource);
    }

    MessageState withOpen(final long at, final int source) {
        return new MessageState(flags, burstStartAt, burstLinks, burstHumanClicks, burstSource, at, source,
                honeypotSource);
    }

    MessageState withHoneypot(final int source) {
        return new MessageState(flags | HONEYPOT_SEEN, burstStartAt, burstLinks, burstHumanClicks, burstSource, openAt,
                openSource, source);
    }
}
