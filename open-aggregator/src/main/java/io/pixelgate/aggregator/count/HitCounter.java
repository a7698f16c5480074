package io.pixelgate.aggregator.count;

import io.pixelgate.aggregator.classify.Classification;
import io.pixelgate.aggregator.classify.ClassifierSettings;
import io.pixelgate.aggregator.classify.HitClassifier;
import io.pixelgate.aggregator.classify.HitFacts;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.MessageIdentity;
import java.time.Duration;
import java.time.Instant;

/**
 * The counting rules of SPEC.md section 1, as a pure function of a hit and what is known of its
 * message. Every valid hit changes its campaign's {@code opens} or {@code clicks} exactly once.
 *
 * <ul>
 * <li>Unattributed hits (anonymous tokens, deliverability tokens, personal tokens without
 *     OPEN_MEASUREMENT at the hit) count at the campaign level only, as anonymousOpens or
 *     anonymousClicks; they are never deduplicated, since that would mean remembering the message.</li>
 * <li>Attributed hits also count per message: the first open of a message is a unique open, the
 *     first click a unique click, and a click on a message with no open yet counts an implicit
 *     open, so uniqueOpens never falls below uniqueClicks (and uniqueHumanOpens never below
 *     uniqueHumanClicks: a person's click proves a person's open).</li>
 * <li>A click that brings a message's burst to {@link ClassifierSettings#burstLinks()} distinct
 *     links is a scanner's, and so are the burst's earlier clicks: those were counted human when
 *     they came, so the delta corrects them (human to machine, and the unique human click and
 *     implied human open they made).</li>
 * </ul>
 */
public final class HitCounter {

    /** How far a token's send time may lie after the hit (clocks differ) and still be tracked. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final HitClassifier classifier;
    private final ClassifierSettings classes;
    private final ScoreSettings score;

    public HitCounter(final ClassifierSettings classes, final ScoreSettings score) {
        this.classifier = new HitClassifier(classes);
        this.classes = classes;
        this.score = score;
    }

    /**
     * Whether a message's hits may be deduplicated: its send lies within the horizon before the hit.
     * Beyond it the message's entry may have expired, so a hit there counts, but never as unique.
     */
    public static boolean tracked(final Instant sentAt, final Instant receivedAt, final Duration horizon) {
        return !sentAt.isBefore(receivedAt.minus(horizon)) && !sentAt.isAfter(receivedAt.plus(CLOCK_SKEW));
    }

    /** A rejected hit: {@code rejectedHits} on the token's campaign when known, else on {@link CampaignKey#REJECTED}. */
    public static CampaignDelta rejected(final CampaignIdentity campaign, final long at) {
        final CampaignDelta.Builder delta = campaign == null
                ? CampaignDelta.builder(CampaignKey.REJECTED, null, at) : CampaignDelta.builder(campaign, at);
        return delta.add(Counter.REJECTED_HITS).build();
    }

    /**
     * A valid hit counted at the campaign level only.
     *
     * @param sentAt the send's time when the token names a message, else null
     */
    public Counted unattributed(final Hit hit, final CampaignIdentity campaign, final Instant sentAt) {
        final Classification c = classifier.classify(facts(hit, sentAt, false));
        final CampaignDelta.Builder delta = CampaignDelta.builder(campaign, hit.getReceivedAt().toEpochMilli());
        if (hit.getKind() == HitKind.OPEN) {
            delta.add(Counter.OPENS).add(c.human() ? Counter.HUMAN_OPENS : Counter.MACHINE_OPENS)
                    .add(Counter.ANONYMOUS_OPENS);
        } else {
            delta.add(Counter.CLICKS).add(c.human() ? Counter.HUMAN_CLICKS : Counter.MACHINE_CLICKS)
                    .add(Counter.ANONYMOUS_CLICKS);
        }
        return new Counted(c, delta.build(), null, null);
    }

    /**
     * A hit attributed to its message (OPEN_MEASUREMENT granted at the hit).
     *
     * @param linkIndex the clicked link, -1 for an open
     * @param before    the message's state, null when nothing was seen of it
     * @param tracked   whether the message is within the dedupe horizon (see {@link #tracked})
     */
    public Counted attributed(final Hit hit, final MessageIdentity message, final int linkIndex,
                              final MessageState before, final boolean tracked) {
        final MessageState state = !tracked ? null : before == null ? MessageState.NONE : before;
        final CampaignDelta.Builder delta = CampaignDelta.builder(message.campaign(),
                hit.getReceivedAt().toEpochMilli());
        final Instant sentAt = Instant.ofEpochMilli(message.sentAt());
        return hit.getKind() == HitKind.OPEN ? open(hit, sentAt, state, delta) : click(hit, sentAt, linkIndex, state, delta);
    }

    private Counted open(final Hit hit, final Instant sentAt, final MessageState state,
                         final CampaignDelta.Builder delta) {
        final Classification c = classifier.classify(facts(hit, sentAt, false));
        final boolean human = c.human();
        delta.add(Counter.OPENS).add(human ? Counter.HUMAN_OPENS : Counter.MACHINE_OPENS);
        final long at = hit.getReceivedAt().toEpochMilli();
        if (state == null) {
            return new Counted(c, delta.build(), null, openStep(at, human, false));
        }
        MessageState after = state.with(MessageState.OPENED);
        if (!state.opened()) {
            delta.add(Counter.UNIQUE_OPENS);
        }
        if (human) {
            if (!state.humanOpened()) {
                delta.add(Counter.UNIQUE_HUMAN_OPENS);
            }
            // A person's own open: no later burst can take this unique human open back.
            after = after.with(MessageState.HUMAN_OPENED).without(MessageState.BURST_MADE_HUMAN_OPEN);
        }
        return new Counted(c, delta.build(), after, openStep(at, human, !state.opened()));
    }

    private EngagementStep openStep(final long at, final boolean human, final boolean firstOfMessage) {
        return new EngagementStep(at, 1, human ? 1 : 0, 0, firstOfMessage, true,
                human ? score.openWeight() : 0, 0, 0);
    }

    private Counted click(final Hit hit, final Instant sentAt, final int linkIndex, final MessageState state,
                          final CampaignDelta.Builder delta) {
        final long at = hit.getReceivedAt().toEpochMilli();
        final MessageState inBurst = state == null ? null : joinBurst(state, linkIndex, at);
        final boolean detectedNow = inBurst != null && !inBurst.has(MessageState.BURST_DETECTED)
                && Long.bitCount(inBurst.burstLinks()) >= classes.burstLinks();
        final boolean linkBurst = detectedNow || inBurst != null && inBurst.has(MessageState.BURST_DETECTED);
        final Classification c = classifier.classify(facts(hit, sentAt, linkBurst));
        final boolean human = c.human();
        delta.add(Counter.CLICKS).add(human ? Counter.HUMAN_CLICKS : Counter.MACHINE_CLICKS);
        if (inBurst == null) {
            return new Counted(c, delta.build(), null,
                    new EngagementStep(at, 0, 0, 1, false, false, human ? score.clickWeight() : 0, 0, 0));
        }
        MessageState after = detectedNow ? reclassifyBurst(inBurst, delta) : inBurst;
        final int correctedClicks = detectedNow ? inBurst.burstHumanClicks() : 0;
        if (!after.clicked()) {
            delta.add(Counter.UNIQUE_CLICKS);
            after = after.with(MessageState.CLICKED);
        }
        final boolean implied = !after.opened();
        if (implied) {
            delta.add(Counter.IMPLICIT_OPENS).add(Counter.UNIQUE_OPENS);
            after = after.with(MessageState.OPENED);
        }
        if (human) {
            after = humanClick(after, delta);
        }
        final EngagementStep step = new EngagementStep(at, 0, 0, 1, implied, implied,
                human ? score.clickWeight() : 0, correctedClicks * score.clickWeight(), inBurst.burstStartAt());
        return new Counted(c, delta.build(), after, step);
    }

    /** The state with this click added to the message's current burst, or to a new one. */
    private MessageState joinBurst(final MessageState state, final int linkIndex, final long at) {
        final long link = 1L << (linkIndex & 63);
        final boolean continues = state.burstLinks() != 0
                && Math.abs(at - state.burstStartAt()) <= classes.burstWindow().toMillis();
        return continues
                ? new MessageState(state.flags(), state.burstStartAt(), state.burstLinks() | link, state.burstHumanClicks())
                : new MessageState(state.flags() & ~MessageState.BURST_FLAGS, at, link, 0);
    }

    /** The burst's earlier clicks were counted human: count them as the scanner's they turned out to be. */
    private static MessageState reclassifyBurst(final MessageState inBurst, final CampaignDelta.Builder delta) {
        final int humanClicks = inBurst.burstHumanClicks();
        delta.add(Counter.HUMAN_CLICKS, -humanClicks).add(Counter.MACHINE_CLICKS, humanClicks);
        MessageState after = inBurst.with(MessageState.BURST_DETECTED).withBurstHumanClicks(0);
        if (inBurst.has(MessageState.BURST_MADE_HUMAN_CLICK)) {
            delta.add(Counter.UNIQUE_HUMAN_CLICKS, -1);
            after = after.without(MessageState.HUMAN_CLICKED);
        }
        if (inBurst.has(MessageState.BURST_MADE_HUMAN_OPEN)) {
            delta.add(Counter.UNIQUE_HUMAN_OPENS, -1);
            after = after.without(MessageState.HUMAN_OPENED);
        }
        return after.without(MessageState.BURST_MADE_HUMAN_CLICK | MessageState.BURST_MADE_HUMAN_OPEN);
    }

    /** A person's click: a unique human click, and a unique human open if none was seen. */
    private static MessageState humanClick(final MessageState state, final CampaignDelta.Builder delta) {
        MessageState after = state.withBurstHumanClicks(state.burstHumanClicks() + 1);
        if (!after.humanClicked()) {
            delta.add(Counter.UNIQUE_HUMAN_CLICKS);
            after = after.with(MessageState.HUMAN_CLICKED | MessageState.BURST_MADE_HUMAN_CLICK);
        }
        if (!after.humanOpened()) {
            delta.add(Counter.UNIQUE_HUMAN_OPENS);
            after = after.with(MessageState.HUMAN_OPENED | MessageState.BURST_MADE_HUMAN_OPEN);
        }
        return after;
    }

    private static HitFacts facts(final Hit hit, final Instant sentAt, final boolean linkBurst) {
        return new HitFacts(hit.getKind(), hit.getUserAgent(), hit.getNetwork(), hit.getReceivedAt(), sentAt, linkBurst);
    }
}
