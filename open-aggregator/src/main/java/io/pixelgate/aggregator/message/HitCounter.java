package io.pixelgate.aggregator.message;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.aggregator.classify.ClassifierSettings;
import io.pixelgate.aggregator.classify.HitClass;
import io.pixelgate.aggregator.classify.HitClassifier;
import io.pixelgate.aggregator.classify.HitContext;
import io.pixelgate.aggregator.classify.HitFacts;
import io.pixelgate.aggregator.classify.Reason;
import io.pixelgate.aggregator.classify.Verdict;
import io.pixelgate.aggregator.profile.EngagementStep;
import io.pixelgate.aggregator.profile.ScoreSettings;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The counting rules of SPEC.md section 1, as a pure function of a hit and what is known of its
 * message. Every valid hit changes its campaign's {@code opens} or {@code clicks} exactly once.
 *
 * <ul>
 * <li>Unattributed hits (anonymous tokens, deliverability tokens, personal tokens without
 *     OPEN_MEASUREMENT at the hit) count at the campaign level only, as anonymousOpens or
 *     anonymousClicks; they are never deduplicated, since that would mean remembering the message,
 *     and so they are classified from their own facts only.</li>
 * <li>Attributed hits also count per message: the first open of a message is a unique open, the
 *     first click a unique click, and a click on a message with no open yet counts an implicit
 *     open, so uniqueOpens never falls below uniqueClicks (and uniqueHumanOpens never below
 *     uniqueHumanClicks: a person's click proves a person's open, also after an Apple prefetch).</li>
 * <li>What the message saw later can show that earlier hits were a machine's: a click completing a
 *     link burst, the honeypot link, an open and a click from one source at once. Those hits were
 *     counted human when they came, so the delta corrects them (human to machine, and the unique
 *     human click and open they made), under the {@code CORRECTED/<reason>} reason counters.</li>
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
     * The source of a hit within one message: its network prefix and agent, hashed; 0 when neither
     * is known (then it matches nothing).
     */
    public static int source(final Hit hit) {
        if (hit.getIpPrefix() == null && hit.getUserAgent() == null) {
            return 0;
        }
        final int hash = Objects.hash(hit.getIpPrefix(), hit.getUserAgent());
        return hash == 0 ? 1 : hash;
    }

    /**
     * A valid hit counted at the campaign level only.
     *
     * @param sentAt      the send's time when the token names a message, else null
     * @param deliveredAt the message's delivery when known, else null
     * @param linkIndex   the clicked link, -1 for an open
     */
    public Counted unattributed(final Hit hit, final CampaignIdentity campaign, final Instant sentAt,
                                final Instant deliveredAt, final int linkIndex) {
        final HitContext context = linkIndex == Link.HONEYPOT_INDEX
                ? new HitContext(false, false, true, false) : HitContext.NONE;
        final Verdict verdict = classifier.classify(facts(hit, sentAt, deliveredAt, context));
        final CampaignDelta.Builder delta = CampaignDelta.builder(campaign, hit.getReceivedAt().toEpochMilli());
        counted(delta, hit.getKind(), verdict);
        delta.add(hit.getKind() == HitKind.OPEN ? Counter.ANONYMOUS_OPENS : Counter.ANONYMOUS_CLICKS);
        return new Counted(verdict, delta.build(), null, null);
    }

    /**
     * A hit attributed to its message (OPEN_MEASUREMENT granted at the hit).
     *
     * @param linkIndex   the clicked link, -1 for an open
     * @param before      the message's state, null when nothing was seen of it
     * @param tracked     whether the message is within the dedupe horizon (see {@link #tracked})
     * @param deliveredAt the message's delivery when known, else null
     */
    public Counted attributed(final Hit hit, final MessageIdentity message, final int linkIndex,
                              final MessageState before, final boolean tracked, final Instant deliveredAt) {
        final MessageState state = !tracked ? null : before == null ? MessageState.NONE : before;
        if (state == null) {
            return untracked(hit, message, linkIndex, deliveredAt);
        }
        final CampaignDelta.Builder delta = CampaignDelta.builder(message.campaign(),
                hit.getReceivedAt().toEpochMilli());
        final Instant sentAt = Instant.ofEpochMilli(message.sentAt());
        return hit.getKind() == HitKind.OPEN ? open(hit, sentAt, deliveredAt, state, delta)
                : click(hit, sentAt, deliveredAt, linkIndex, state, delta);
    }

    /** An attributed hit on a message beyond the horizon: counted and engaged, never unique. */
    private Counted untracked(final Hit hit, final MessageIdentity message, final int linkIndex,
                              final Instant deliveredAt) {
        final HitContext context = linkIndex == Link.HONEYPOT_INDEX
                ? new HitContext(false, false, true, false) : HitContext.NONE;
        final Verdict verdict = classifier.classify(facts(hit, Instant.ofEpochMilli(message.sentAt()), deliveredAt,
                context));
        final long at = hit.getReceivedAt().toEpochMilli();
        final CampaignDelta.Builder delta = CampaignDelta.builder(message.campaign(), at);
        counted(delta, hit.getKind(), verdict);
        final boolean human = verdict.human();
        final EngagementStep step = hit.getKind() == HitKind.OPEN ? openStep(at, human, false, 0, 0)
                : new EngagementStep(at, 0, 0, 1, false, false, human ? score.clickWeight() : 0, 0, 0);
        return new Counted(verdict, delta.build(), null, step);
    }

    private Counted open(final Hit hit, final Instant sentAt, final Instant deliveredAt, final MessageState state,
                         final CampaignDelta.Builder delta) {
        final long at = hit.getReceivedAt().toEpochMilli();
        final int source = source(hit);
        final boolean withClick = source != 0 && state.burstLinks() != 0 && source == state.burstSource()
                && Math.abs(at - state.burstStartAt()) <= classes.openClickWindow().toMillis();
        final Verdict verdict = classifier.classify(facts(hit, sentAt, deliveredAt,
                new HitContext(false, withClick, false, fromHoneypotSource(state, source))));
        final boolean human = verdict.human();
        counted(delta, HitKind.OPEN, verdict);
        MessageState after = state.with(MessageState.OPENED).withOpen(at, source)
                .without(MessageState.LAST_OPEN_HUMAN | MessageState.LAST_OPEN_MADE_HUMAN_OPEN);
        if (!state.opened()) {
            delta.add(Counter.UNIQUE_OPENS);
        }
        int corrected = 0;
        if (withClick && !state.has(MessageState.BURST_DETECTED)) {
            corrected = state.burstHumanClicks();
            after = reclassifyBurst(after, delta, Reason.OPEN_WITH_CLICK);
        }
        if (human) {
            final boolean first = !after.humanOpened();
            if (first) {
                delta.add(Counter.UNIQUE_HUMAN_OPENS);
            }
            // A person's own open: no later burst can take this unique human open back.
            after = after.with(MessageState.HUMAN_OPENED | MessageState.LAST_OPEN_HUMAN
                    | (first ? MessageState.LAST_OPEN_MADE_HUMAN_OPEN : 0)).without(MessageState.BURST_MADE_HUMAN_OPEN);
        }
        after = appleOnly(after, verdict, delta);
        return new Counted(verdict, delta.build(), after,
                openStep(at, human, !state.opened(), corrected * score.clickWeight(), state.burstStartAt()));
    }

    private EngagementStep openStep(final long at, final boolean human, final boolean firstOfMessage,
                                    final double withdrawnWeight, final long withdrawnAt) {
        return new EngagementStep(at, 1, human ? 1 : 0, 0, firstOfMessage, true,
                human ? score.openWeight() : 0, withdrawnWeight, withdrawnAt);
    }

    private Counted click(final Hit hit, final Instant sentAt, final Instant deliveredAt, final int linkIndex,
                          final MessageState state, final CampaignDelta.Builder delta) {
        final long at = hit.getReceivedAt().toEpochMilli();
        final int source = source(hit);
        final boolean honeypot = linkIndex == Link.HONEYPOT_INDEX;
        final MessageState inBurst = joinBurst(state, linkIndex, at, source);
        final boolean burstMade = Long.bitCount(inBurst.burstLinks()) >= classes.burstLinks();
        final boolean withOpen = source != 0 && state.openAt() != 0 && source == state.openSource()
                && Math.abs(at - state.openAt()) <= classes.openClickWindow().toMillis();
        final boolean continues = inBurst.has(MessageState.BURST_DETECTED);
        final HitContext context = new HitContext(burstMade || continues, withOpen, honeypot,
                fromHoneypotSource(state, source));
        final Verdict verdict = classifier.classify(facts(hit, sentAt, deliveredAt, context));
        final boolean human = verdict.human();
        counted(delta, HitKind.CLICK, verdict);
        MessageState after = honeypot ? inBurst.withHoneypot(source) : inBurst;
        int correctedClicks = 0;
        if (!human && !continues && (burstMade || honeypot || withOpen)) {
            correctedClicks = inBurst.burstHumanClicks();
            after = reclassifyBurst(after, delta, burstMade ? Reason.LINK_BURST
                    : honeypot ? Reason.HONEYPOT_LINK : Reason.OPEN_WITH_CLICK);
        }
        double withdrawn = correctedClicks * score.clickWeight();
        if (withOpen && after.has(MessageState.LAST_OPEN_HUMAN)) {
            withdrawn += score.openWeight();
            after = reclassifyOpen(after, delta);
        }
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
            after = appleOnly(humanClick(after, delta), verdict, delta);
        }
        final EngagementStep step = new EngagementStep(at, 0, 0, 1, implied, implied,
                human ? score.clickWeight() : 0, withdrawn, Math.min(inBurst.burstStartAt(), at));
        return new Counted(verdict, delta.build(), after, step);
    }

    /** The state with this click added to the message's current burst, or to a new one. */
    private MessageState joinBurst(final MessageState state, final int linkIndex, final long at, final int source) {
        // The honeypot marks the burst but is not one of its links.
        final long link = linkIndex == Link.HONEYPOT_INDEX ? 0 : 1L << (linkIndex & 63);
        final boolean continues = state.burstStartAt() != 0
                && Math.abs(at - state.burstStartAt()) <= classes.burstWindow().toMillis();
        return continues
                ? state.withBurst(state.burstStartAt(), state.burstLinks() | link, state.burstHumanClicks(),
                        state.burstSource())
                : state.without(MessageState.BURST_FLAGS).withBurst(at, link, 0, source);
    }

    /** The burst's earlier clicks were counted human: count them as the scanner's they turned out to be. */
    private static MessageState reclassifyBurst(final MessageState state, final CampaignDelta.Builder delta,
                                                final Reason why) {
        final int humanClicks = state.burstHumanClicks();
        delta.add(Counter.HUMAN_CLICKS, -humanClicks).add(Counter.MACHINE_CLICKS, humanClicks)
                .add(Counter.SECURITY_SCANNER_HITS, humanClicks)
                .addReasons(null, EnumSet.of(why), humanClicks);
        MessageState after = state.with(MessageState.BURST_DETECTED).withBurstHumanClicks(0);
        if (state.has(MessageState.BURST_MADE_HUMAN_CLICK)) {
            delta.add(Counter.UNIQUE_HUMAN_CLICKS, -1);
            after = after.without(MessageState.HUMAN_CLICKED);
        }
        if (state.has(MessageState.BURST_MADE_HUMAN_OPEN)) {
            delta.add(Counter.UNIQUE_HUMAN_OPENS, -1);
            after = after.without(MessageState.HUMAN_OPENED);
        }
        return after.without(MessageState.BURST_MADE_HUMAN_CLICK | MessageState.BURST_MADE_HUMAN_OPEN);
    }

    /** The latest open was counted human, and a click from its source came at once: both were a scanner's. */
    private static MessageState reclassifyOpen(final MessageState state, final CampaignDelta.Builder delta) {
        delta.add(Counter.HUMAN_OPENS, -1).add(Counter.MACHINE_OPENS, 1).add(Counter.SECURITY_SCANNER_HITS, 1)
                .addReasons(null, EnumSet.of(Reason.OPEN_WITH_CLICK), 1);
        MessageState after = state.without(MessageState.LAST_OPEN_HUMAN);
        if (state.has(MessageState.LAST_OPEN_MADE_HUMAN_OPEN)) {
            delta.add(Counter.UNIQUE_HUMAN_OPENS, -1);
            after = after.without(MessageState.HUMAN_OPENED | MessageState.LAST_OPEN_MADE_HUMAN_OPEN);
        }
        return after;
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

    /**
     * Keeps appleMppOnlyMessages: a message opened only by Apple's proxy cannot be measured (the
     * proxy fetches whether the person reads or not) until a person's open or click shows up.
     */
    private static MessageState appleOnly(final MessageState after, final Verdict verdict,
                                          final CampaignDelta.Builder delta) {
        final boolean appleOnly = !after.humanOpened()
                && (after.has(MessageState.APPLE_ONLY) || verdict.hitClass() == HitClass.APPLE_MPP);
        if (appleOnly == after.has(MessageState.APPLE_ONLY)) {
            return after;
        }
        delta.add(Counter.APPLE_MPP_ONLY_MESSAGES, appleOnly ? 1 : -1);
        return appleOnly ? after.with(MessageState.APPLE_ONLY) : after.without(MessageState.APPLE_ONLY);
    }

    private static boolean fromHoneypotSource(final MessageState state, final int source) {
        return source != 0 && state.has(MessageState.HONEYPOT_SEEN) && state.honeypotSource() == source;
    }

    /** The counters every hit changes: its kind, human or machine, its machine class and its reasons. */
    private static void counted(final CampaignDelta.Builder delta, final HitKind kind, final Verdict verdict) {
        final boolean human = verdict.human();
        if (kind == HitKind.OPEN) {
            delta.add(Counter.OPENS).add(human ? Counter.HUMAN_OPENS : Counter.MACHINE_OPENS);
        } else {
            delta.add(Counter.CLICKS).add(human ? Counter.HUMAN_CLICKS : Counter.MACHINE_CLICKS);
        }
        final Counter machine = Counter.machineHits(verdict.hitClass());
        if (machine != null) {
            delta.add(machine);
        }
        delta.addReasons(verdict.hitClass(), verdict.reasons(), 1);
    }

    private static HitFacts facts(final Hit hit, final Instant sentAt, final Instant deliveredAt,
                                  final HitContext context) {
        return new HitFacts(hit.getKind(), hit.getUserAgent(), hit.getNetwork(), hit.getReceivedAt(), sentAt,
                deliveredAt, context);
    }
}
